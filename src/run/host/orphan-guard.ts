import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * Ends the forked workers of a coordinator that is gone. A forked worker runs its tests on its main
 * thread: one stuck in a synchronous loop never notices that its parent died (a `--queue` job killed
 * by its CI, say) and would spin for ever. One small process per run keeps the list of forked
 * workers, written down a pipe by the coordinator; the pipe closes when the coordinator ends,
 * however it ends, and the guard then kills the workers still listed. (Each forked worker used to
 * watch for itself from a thread of its own: a Node isolate started for every test file under
 * `--pool forks` with a fresh worker per file, about a twentieth of such a run's CPU.)
 */
const GUARD = `
// a signal to the whole process group (Ctrl-C, a CI cancelling the job) is the coordinator's to act on
process.on('SIGINT', () => {}).on('SIGTERM', () => {});
const pids = new Set();
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\\n');
  pending = lines.pop();
  for (const line of lines) { const pid = Number(line); if (pid > 0) pids.add(pid); else pids.delete(-pid); }
});
process.stdin.on('close', () => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch {} }
  process.exit(0);
});
`;

export class OrphanGuard {
  private pipe: Socket | undefined;

  /** kills `worker` if this process ends while the worker still runs */
  watch(worker: ChildProcess): void {
    const { pid } = worker;
    if (pid === undefined) return;
    const pipe = this.start();
    pipe.write(`${pid}\n`);
    // a pid is used again once its process is gone: off the list then
    worker.once('exit', () => {
      if (!pipe.destroyed) pipe.write(`-${pid}\n`);
    });
  }

  private start(): Socket {
    if (this.pipe && !this.pipe.destroyed) return this.pipe;
    // bare: no inspector, profiler or coverage flags of the coordinator's, and no env to read them from
    const guard = spawn(process.execPath, ['-e', GUARD], { stdio: ['pipe', 'ignore', 'ignore'], env: {} });
    guard.on('error', () => {});
    const pipe = guard.stdin as Socket;
    pipe.on('error', () => {});
    // neither the guard nor its pipe keeps the coordinator alive
    guard.unref();
    pipe.unref();
    this.pipe = pipe;
    return pipe;
  }
}

/** one guard for the coordinator's forked workers, started with the first */
export const orphanGuard: OrphanGuard = new OrphanGuard();
