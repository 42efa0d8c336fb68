import type { UnitExit } from './pool.js';
import type { Phase } from './watchdog.js';

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
