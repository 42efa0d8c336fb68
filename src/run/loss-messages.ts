import type { UnitExit } from './pool.js';
import type { Phase } from './watchdog.js';

/** as pytest-xdist: past this many lost threads per worker, something is wrong with the suite itself */
export const RESTARTS_PER_WORKER = 4;

/** the error that stops a run which lost more threads than that, with what it suggests, if anything */
export function restartCapMessage(losses: number, hint: string | undefined): string {
  return `stopped after ${losses} worker threads were lost (at most ${RESTARTS_PER_WORKER} per worker are replaced); the tests not reported did not run${hint ? `; ${hint}` : ''}`;
}

/** How a lost thread is described to the user: what killed it, and what it was doing. */
export function crashMessage(exit: Extract<UnitExit, { kind: 'crashed' }>): string {
  const stderr = exit.stderr?.length ? `; its last stderr lines:\n${exit.stderr.map((l) => `  ${l}`).join('\n')}` : '';
  return `worker crashed: ${exit.message}${stderr}`;
}

export function describePhase(phase: Phase): string {
  switch (phase.kind) {
    case 'import':
      return 'importing the file';
    case 'hook':
      return `a ${phase.hook} hook`;
    case 'test':
      return 'the test';
  }
}
