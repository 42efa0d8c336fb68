import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RunRequest, RunSettings, StrayError, WorkerMessage } from '../../model/protocol.js';
import type { UnitExit } from '../pool.js';
import { outOfMemoryMessage, slotFd, type HostCommand, type HostConfig, type HostLine, type SlotLine } from './host-wire.js';
import type { OrphanGuard } from './orphan-guard.js';
import { StderrTail } from './stderr-tail.js';

/**
 * The coordinator's handle on one host process: sends it commands, reads each slot's pipe, and
 * when the process dies settles every unit it was running as crashed, after reading everything
 * the threads wrote before the end (their finished tests stand).
 */
export interface HostProcessOptions {
  config: HostConfig;
  /** the host's main module */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Node flags of the host process */
  execArgv?: string[];
  /**
   * How a unit is aborted: by a command the host acts on (a thread is terminated), or by killing
   * the process (a forked worker, whose only thread may be stuck in the unit).
   */
  abortBy: 'command' | 'kill';
  /** a slot's thread died while idle (slot), or the whole process died with no unit running (null) */
  onIdleDeath: (slot: number | null, message: string) => void;
  /** kills the process should the coordinator die first (a forked worker, whose main thread runs the tests) */
  orphanGuard?: OrphanGuard;
}

interface SlotState {
  unit?: { onMessage: (message: WorkerMessage) => void; resolve: (exit: UnitExit) => void; aborted?: boolean };
  /** replies to finish/recycle commands, in the order they were asked */
  waiters: ((line: HostLine | undefined) => void)[];
}

/** After the process exits, how long its pipes may take to deliver what was written before. */
const DRAIN_MS = 2000;
/** How long a host may take to shut down before it is killed. */
const CLOSE_MS = 5000;

export class HostProcess {
  private readonly child: ChildProcess;
  private readonly slots = new Map<number, SlotState>();
  private readonly stderr = new StderrTail();
  private closing = false;
  dead = false;

  constructor(private readonly options: HostProcessOptions) {
    const { config } = options;
    const slotPipes = config.slots.map(() => 'pipe' as const);
    this.child = fork(options.entry, [JSON.stringify(config)], {
      env: options.env,
      execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc', ...slotPipes],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.stderr.push(chunk);
    });
    for (const slot of config.slots) {
      const lines = createInterface({ input: this.child.stdio[slotFd(config.slots, slot)] as Readable, crlfDelay: Infinity });
      lines.on('line', (line) => this.onLine(slot, JSON.parse(line) as SlotLine));
    }
    options.orphanGuard?.watch(this.child);
    this.child.on('error', () => this.child.kill('SIGKILL'));
    this.child.once('exit', (code, signal) => void this.onExit(code, signal));
  }

  run(request: RunRequest, onMessage: (message: WorkerMessage) => void, signal: AbortSignal): Promise<UnitExit> {
    return new Promise((resolve) => {
      if (this.dead) return resolve({ kind: 'crashed', message: 'the worker process is gone', casualties: 1 });
      const unit: NonNullable<SlotState['unit']> = { onMessage, resolve };
      this.slot(request.slot).unit = unit;
      signal.addEventListener('abort', () => this.abort(request.slot, unit), { once: true });
      this.send({ type: 'run', request });
    });
  }

  async finishSlot(slot: number, settings: RunSettings): Promise<StrayError[]> {
    const line = await this.ask({ type: 'finish', slot, settings });
    return line?.type === 'host:finished' ? line.errors : [];
  }

  async recycle(slot: number): Promise<void> {
    await this.ask({ type: 'recycle', slot });
  }

  /**
   * Ends the host once nothing it runs is wanted any more. Its threads' own teardown can take
   * seconds (on RTK's suite, 1-2.5 s for a thread that ran 26 jsdom files) for nothing anyone reads,
   * so the process is killed, unless coverage or a profile is written at that exit: then it destroys
   * its threads and exits, and is killed only if that takes too long.
   */
  async close(): Promise<void> {
    if (this.dead) return;
    this.closing = true;
    const exited = once(this.child, 'exit');
    if (!this.exitIsRead) {
      this.child.kill('SIGKILL');
      return void (await exited);
    }
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), CLOSE_MS);
    await exited;
    clearTimeout(timer);
  }

  /** V8 writes coverage (NODE_V8_COVERAGE) and Node's profilers write their files as a thread or process exits */
  private get exitIsRead(): boolean {
    const { env, execArgv = [] } = this.options;
    const flags = [...process.execArgv, ...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
    return Boolean(env.NODE_V8_COVERAGE) || flags.some((flag) => /^--(cpu-prof|heap-prof|prof)(\b|=|$)/.test(flag));
  }

  private abort(slot: number, unit: NonNullable<SlotState['unit']>): void {
    if (this.options.abortBy === 'command') return this.send({ type: 'abort', slot });
    unit.aborted = true;
    this.child.kill('SIGKILL');
  }

  private ask(command: Extract<HostCommand, { slot: number }>): Promise<HostLine | undefined> {
    return new Promise((resolve) => {
      if (this.dead) return resolve(undefined);
      this.slot(command.slot).waiters.push(resolve);
      this.send(command);
    });
  }

  private onLine(slot: number, line: SlotLine): void {
    const state = this.slot(slot);
    switch (line.type) {
      case 'host:exit': {
        const unit = state.unit;
        state.unit = undefined;
        return unit?.resolve(line.exit);
      }
      case 'host:finished':
      case 'host:recycled':
        return state.waiters.shift()?.(line);
      case 'host:idle-death':
        return this.options.onIdleDeath(slot, line.message);
      default:
        return state.unit?.onMessage(line);
    }
  }

  private async onExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    this.dead = true;
    // The pipes close once read to their end: what the threads wrote before the crash still counts.
    // (A grandchild process that inherited a pipe could hold it open: do not wait for it forever.)
    // (The child's own 'close' event is no use here: with an IPC channel it may never come.)
    let timer: NodeJS.Timeout | undefined;
    const pipes = this.child.stdio.filter((s): s is NonNullable<typeof s> => s != null && !s.closed).map((s) => once(s, 'close'));
    await Promise.race([Promise.all(pipes), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
    clearTimeout(timer);
    const units = [...this.slots.values()].flatMap((s) => (s.unit ? [s.unit] : []));
    for (const state of this.slots.values()) {
      state.unit = undefined;
      for (const waiter of state.waiters.splice(0)) waiter(undefined);
    }
    if (this.closing) return;
    const oom = this.stderr.outOfMemory();
    const message = oom
      ? outOfMemoryMessage('process', this.options.config.maxMemoryMb)
      : signal
        ? `the worker process was killed by ${signal}`
        : `the worker process exited with code ${code}`;
    // V8's backtrace of an out-of-memory death says nothing to the user
    const stderr = oom ? [] : this.stderr.lines();
    if (units.length === 0) this.options.onIdleDeath(null, message);
    const crashed = units.filter((unit) => !unit.aborted);
    for (const unit of units) if (unit.aborted) unit.resolve({ kind: 'aborted' });
    for (const unit of crashed) unit.resolve({ kind: 'crashed', message, casualties: crashed.length, ...(stderr.length ? { stderr } : {}) });
  }

  private send(command: HostCommand): void {
    if (this.child.connected) this.child.send(command);
  }

  private slot(slot: number): SlotState {
    let state = this.slots.get(slot);
    if (!state) this.slots.set(slot, (state = { waiters: [] }));
    return state;
  }
}
