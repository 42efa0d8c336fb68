import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { expect, suppressedErrors } from '../compat/expect.js';
import type { AttemptStatus, TestError } from '../model/results.js';
import { callWithDone, takesDone } from './done-callback.js';
import type { ExecuteOptions } from './execute.js';
import { RealAbortController } from './real-timers.js';
import type { TestContext } from './runtime-tree.js';
import type { PlannedTest } from './select.js';
import { runTimed } from './timed.js';

export type Failure = { status: AttemptStatus; error: TestError };

/**
 * One attempt's body, with the context it is handed, and what the body may ask for its end as
 * Vitest's do: `skip()` (the test is skipped from there), and `onTestFinished` / `onTestFailed`
 * callbacks (from the context, or imported, for the test running now), run after its afterEach
 * hooks.
 */
export interface BodyResult {
  failure?: Failure;
  skipped?: true;
  /** the callbacks to run once the attempt is over: all of `finished`, and `failed` if it failed */
  finished: Array<() => unknown>;
  failed: Array<() => unknown>;
}

/** what ctx.skip() throws: not a failure */
class SkipSignal extends Error {}

/** the attempt running now, found through its async context: concurrent tests each find their own */
const running = new AsyncLocalStorage<Callbacks>();

/** the callbacks an attempt collects, from its hooks, its body and its context */
export type Callbacks = Pick<BodyResult, 'finished' | 'failed'>;

/** Runs one attempt (its hooks and body) with the callbacks `onTestFinished` / `onTestFailed` add to. */
export function withCallbacks<T>(run: (callbacks: Callbacks) => Promise<T>): Promise<T> {
  const callbacks: Callbacks = { finished: [], failed: [] };
  return running.run(callbacks, () => run(callbacks));
}

export function onTestFinished(fn: () => unknown): void {
  (running.getStore() ?? outsideTest('onTestFinished')).finished.push(fn);
}

export function onTestFailed(fn: () => unknown): void {
  (running.getStore() ?? outsideTest('onTestFailed')).failed.push(fn);
}

function outsideTest(name: string): never {
  throw new Error(`${name}() can only be called inside a test`);
}

/** `callbacks`: the attempt's (withCallbacks), which the body's context adds to as well */
export async function runBody(p: PlannedTest, attempt: number, timeoutMs: number, o: ExecuteOptions, callbacks: Callbacks): Promise<BodyResult> {
  const controller = new RealAbortController();
  const result: BodyResult = callbacks;
  const context = testContext(p, attempt, controller.signal, o, result);
  const fn = p.test.fn;
  const rule = o.doneCallbacks;
  const body = rule && takesDone(fn) ? () => callWithDone(fn, rule) : () => fn?.(context);
  const outcome = await runTimed(body, timeoutMs, controller, o.uncaught);
  const [suppressed] = suppressedErrors();
  if (outcome.kind === 'timeout') {
    // Point at the test's declaration: the body is still pending, so no frame of it is on the stack.
    const timeout = new Error(`Test timed out after ${timeoutMs} ms`);
    timeout.stack = (p.test.site.stack ?? '').replace(/^.*\n/, `Error: ${timeout.message}\n`);
    return { ...result, failure: { status: 'timedOut', error: o.toError(timeout) } };
  }
  if (outcome.kind === 'error' && outcome.error instanceof SkipSignal) return { ...result, skipped: true };
  if (outcome.kind === 'error') return { ...result, failure: { status: 'failed', error: o.toError(outcome.error) } };
  // expect.soft and Jest's snapshot matchers let the body go on, and fail the test once it has finished
  if (suppressed !== undefined) return { ...result, failure: { status: 'failed', error: o.toError(suppressed) } };
  // expect.assertions(n) / expect.hasAssertions() are checked once the body has finished.
  const [unmet] = expect.extractExpectedAssertionsErrors();
  return unmet ? { ...result, failure: { status: 'failed', error: o.toError(unmet.error) } } : result;
}

function testContext(p: PlannedTest, attempt: number, signal: AbortSignal, o: ExecuteOptions, result: BodyResult): TestContext {
  let tmpdir: string | undefined;
  const testId = p.id;
  return {
    expect,
    task: { name: p.test.name },
    workerId: o.workerId,
    attempt,
    signal,
    sandbox: o.sandbox,
    // made on first use: most tests never ask, and a directory per test is not free
    get tmpdir() {
      if (tmpdir === undefined) mkdirSync((tmpdir = o.tmpdirFor(testId, attempt)), { recursive: true });
      return tmpdir;
    },
    skip: ((conditionOrNote?: boolean | string, note?: string): void => {
      if (conditionOrNote === false) return;
      throw new SkipSignal((typeof conditionOrNote === 'string' ? conditionOrNote : note) ?? 'skipped');
    }) as TestContext['skip'],
    onTestFinished: (fn) => void result.finished.push(fn),
    onTestFailed: (fn) => void result.failed.push(fn),
  };
}
