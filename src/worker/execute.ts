import { expect } from '../compat/expect.js';
import { withOwnExpectState } from '../compat/expect-state.js';
import { jestDefaultTimeout } from '../compat/jest-object.js';
import { mocker } from '../compat/mocker.js';
import { clearSnapshotTest, snapshotTestName } from '../compat/snapshots.js';
import type { CompatSettings } from '../model/compat.js';
import { RealAbortController, realNow, realSetTimeout } from './real-timers.js';
import { callWithDone, takesDone, type DoneRule } from './done-callback.js';
import { isFailure } from '../model/outcome.js';
import type { Attempt, AttemptStatus, TestError } from '../model/results.js';
import type { HookKind, WorkerMessage } from '../model/protocol.js';
import type { PlannedTest } from './select.js';
import { suitePath, type Hook, type RuntimeSuite, type RuntimeTest } from './runtime-tree.js';
import { runBody, withCallbacks, type Failure } from './test-body.js';
import { writingAs } from './test-output.js';
import { runTimed } from './timed.js';
import type { UncaughtErrors } from './uncaught.js';

/**
 * Runs a collected file: hooks in Jest's order, each planned test until it passes or has used the
 * attempts this unit may give it in place, one message per attempt as it finishes (so a crash
 * later loses nothing already reported).
 */
export interface ExecuteOptions {
  planned: ReadonlyMap<RuntimeTest, PlannedTest>;
  defaultTimeoutMs: number;
  /** Jest's clearMocks / resetMocks / restoreMocks, before each test */
  mocks?: CompatSettings['mocks'];
  workerId: number;
  /** attempt index of each test's first attempt here, and the last one this unit may run */
  firstAttempt: number;
  lastAttempt: number;
  /** pause before a retry */
  rerunsDelayMs: number;
  /** this unit is a retry alone in a fresh thread: its attempts are marked so */
  isolated: boolean;
  /** this worker's sandbox, and a new tmpdir path for a test (not yet created) */
  sandbox: string;
  tmpdirFor: (testId: string, attempt: number) => string;
  post: (message: WorkerMessage) => void;
  toError: (thrown: unknown, site?: Error) => TestError;
  /** the thread's trap for errors nobody caught; absent in unit tests that do not need it */
  uncaught?: UncaughtErrors;
  /** a Jest file: a test or hook that declares a parameter gets `done`, not a context, and ends by this runner's rule */
  doneCallbacks?: DoneRule;
  /**
   * Jest's `jest.retryTimes` (without `retryImmediately`): a block's failed tests are tried again
   * after its other tests, each until it passes or runs out of attempts, before its afterAll hooks
   */
  deferRetries?: boolean;
}


export async function executeFile(root: RuntimeSuite, options: ExecuteOptions): Promise<void> {
  await runSuite(root, options);
}

/** true if a test in it failed: a serial block around it stops */
async function runSuite(suite: RuntimeSuite, o: ExecuteOptions): Promise<boolean> {
  const planned = plannedIn(suite, o);
  if (planned.length === 0) return false;
  if (!planned.some((p) => p.mode === 'run')) {
    for (const p of planned) reportNotRun(p, o);
    return false;
  }
  let setupFailure: Failure | undefined;
  for (const hook of suite.hooks.beforeAll) {
    setupFailure = await runHook(hook, 'beforeAll', suite, o);
    if (setupFailure) break;
  }
  if (setupFailure) {
    // NOTE: as in Jest, every test under a failed beforeAll fails with its error, and afterAll still
    // runs. No retry here: it would fail the same way; the coordinator may retry in a new unit.
    for (const p of planned) {
      if (p.mode !== 'run') reportNotRun(p, o);
      else o.post({ type: 'test:end', id: p.id, attempt: { ...setupFailure, durationMs: 0, ...(o.isolated ? { isolated: true as const } : {}) } });
    }
  }
  const failed = setupFailure !== undefined || (await runChildren(suite, o));
  for (const hook of suite.hooks.afterAll) {
    const failure = await runHook(hook, 'afterAll', suite, o);
    if (failure) o.post({ type: 'file:error', kind: 'hook', message: failure.error.message, ...stackOf(failure) });
  }
  return failed;
}

/**
 * Children in order; a run of neighbouring concurrent tests starts together (Vitest's
 * test.concurrent). In a serial block the first failure (in a nested block too) skips the rest
 * of the block. True if a test failed.
 */
async function runChildren(suite: RuntimeSuite, o: ExecuteOptions): Promise<boolean> {
  const serial = suite.flags.serial === true;
  let failed = false;
  // Jest's retryTimes tries a block's failed tests again once its other tests ran (not in a serial block, which stops at a failure)
  const owed: Retry[] | undefined = o.deferRetries && !serial ? [] : undefined;
  const children = suite.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'suite') {
      if (failed && serial) plannedIn(child, o).forEach((p) => reportNotRun(p, o));
      else failed = (await runSuite(child, o)) || failed;
      continue;
    }
    const group = [child];
    while (child.flags.concurrent && children[i + 1]?.kind === 'test' && (children[i + 1] as RuntimeTest).flags.concurrent) group.push(children[++i] as RuntimeTest);
    const planned = group.map((test) => o.planned.get(test)).filter((p): p is PlannedTest => p !== undefined);
    if (failed && serial) planned.forEach((p) => reportNotRun(p, o));
    else {
      const run = (p: PlannedTest) => runTest(p, o, o.firstAttempt, owed);
      const statuses = await Promise.all(planned.map(planned.length > 1 ? (p) => withOwnExpectState(() => run(p)) : run));
      // a test owed a retry has not failed yet: its retry below says
      failed = planned.some((p, k) => isFailure(statuses[k]!) && !owed?.some((r) => r.p === p)) || failed;
    }
  }
  for (const { p, next } of owed ?? []) failed = isFailure(await runTest(p, o, next)) || failed;
  return failed;
}

/** a failed test owed another attempt later, and that attempt's index */
interface Retry {
  p: PlannedTest;
  next: number;
}

/** the test's final status (or, when `owed` takes its retries for later, the first attempt's) */
async function runTest(p: PlannedTest, o: ExecuteOptions, from = o.firstAttempt, owed?: Retry[]): Promise<AttemptStatus> {
  if (p.mode !== 'run') {
    reportNotRun(p, o);
    return 'skipped';
  }
  for (let attempt = from; ; attempt++) {
    if (attempt > 0 && o.rerunsDelayMs > 0) await new Promise((resolve) => realSetTimeout(resolve, o.rerunsDelayMs));
    const result = await runAttempt(p, attempt, o);
    const retry = isFailure(result.status) && attempt < o.lastAttempt;
    o.post({ type: 'test:end', id: p.id, attempt: result, ...(retry ? { retry: true as const } : {}) });
    reportStrayErrors(o);
    if (!retry) return result.status;
    if (owed) {
      owed.push({ p, next: attempt + 1 });
      return result.status;
    }
  }
}

/** One try: the beforeEach hooks, the body, the afterEach hooks. */
async function runAttempt(p: PlannedTest, attempt: number, o: ExecuteOptions): Promise<Attempt> {
  const timeoutMs = p.test.timeoutMs ?? jestDefaultTimeout() ?? o.defaultTimeoutMs;
  o.post({ type: 'test:start', id: p.id, timeoutMs });
  const started = realNow();
  if (attempt > o.firstAttempt) clearSnapshotTest(p.titlePath);
  expect.setState({ currentTestName: snapshotTestName(p.titlePath), assertionCalls: 0, expectedAssertionsNumber: null, isExpectingAssertions: false, suppressedErrors: [] });
  if (o.mocks?.restore) mocker.restoreAllMocks();
  if (o.mocks?.reset) mocker.resetAllMocks();
  else if (o.mocks?.clear) mocker.clearAllMocks();
  // a hook may add onTestFinished / onTestFailed callbacks too, as in Vitest
  return writingAs(p.id, () => withCallbacks(async (callbacks) => {
    let failure: Failure | undefined;
    const chain = ancestors(p.test.parent);
    for (const suite of chain) {
      for (const hook of suite.hooks.beforeEach) failure ??= await runHook(hook, 'beforeEach', suite, o);
    }
    const body = failure ? undefined : await runBody(p, attempt, timeoutMs, o, callbacks);
    if (body && !body.skipped) failure = expectedFailure(p, body.failure, o);
    for (const suite of [...chain].reverse()) {
      for (const hook of suite.hooks.afterEach) {
        const hookFailure = await runHook(hook, 'afterEach', suite, o);
        failure ??= hookFailure;
      }
    }
    // Vitest's onTestFinished / onTestFailed, after the afterEach hooks, which may still fail the test
    for (const callback of [...callbacks.finished, ...(failure ? callbacks.failed : [])]) {
      const callbackFailure = await runCallback(callback, timeoutMs, o);
      failure ??= callbackFailure;
    }
    const result: Attempt = { status: failure?.status ?? (body?.skipped ? 'skipped' : 'passed'), durationMs: realNow() - started };
    if (failure) result.error = failure.error;
    if (o.isolated) result.isolated = true;
    return result;
  }));
}

/** `test.fails`: a failing body passes, a passing one fails (a timeout stays a timeout) */
function expectedFailure(p: PlannedTest, failure: Failure | undefined, o: ExecuteOptions): Failure | undefined {
  if (!p.test.flags.fails) return failure;
  if (failure?.status === 'failed') return undefined;
  return failure ?? { status: 'failed', error: o.toError(new Error('Expect test to fail')) };
}

/** Uncaught errors that arrived while no test or hook ran: errors of the file. */
export function reportStrayErrors(o: Pick<ExecuteOptions, 'uncaught' | 'toError' | 'post'>): void {
  for (const { file, message, stack } of o.uncaught?.takeReports(o.toError) ?? []) {
    o.post({ type: 'file:error', kind: 'uncaught', message, ...(stack ? { stack } : {}), ...(file ? { file } : {}) });
  }
}

async function runHook(hook: Hook, kind: HookKind, suite: RuntimeSuite, o: ExecuteOptions): Promise<Failure | undefined> {
  const timeoutMs = hook.timeoutMs ?? jestDefaultTimeout() ?? o.defaultTimeoutMs;
  o.post({ type: 'hook:start', hook: kind, suite: suitePath(suite), timeoutMs });
  const fn = hook.fn;
  const rule = o.doneCallbacks;
  const body = rule && takesDone(fn) ? () => callWithDone(fn, rule) : fn;
  const result = await runTimed(body, timeoutMs, new RealAbortController(), o.uncaught);
  o.post({ type: 'hook:end', hook: kind });
  if (result.kind === 'ok') return undefined;
  const where = suitePath(suite).join(' > ');
  const label = `${kind} hook${where ? ` in "${where}"` : ''}`;
  if (result.kind === 'timeout') {
    return { status: 'timedOut', error: o.toError(new Error(`${label} timed out after ${timeoutMs} ms`)) };
  }
  const error = o.toError(result.error);
  return { status: 'failed', error: { ...error, message: `${label} failed: ${error.message}` } };
}

async function runCallback(fn: () => unknown, timeoutMs: number, o: ExecuteOptions): Promise<Failure | undefined> {
  const result = await runTimed(fn, timeoutMs, new RealAbortController(), o.uncaught);
  if (result.kind === 'ok') return undefined;
  return result.kind === 'timeout' ? { status: 'timedOut', error: o.toError(new Error(`onTestFinished callback timed out after ${timeoutMs} ms`)) } : { status: 'failed', error: o.toError(result.error) };
}

function reportNotRun(p: PlannedTest, o: ExecuteOptions): void {
  o.post({ type: 'test:end', id: p.id, attempt: { status: p.mode === 'todo' ? 'todo' : 'skipped', durationMs: 0 } });
}

function plannedIn(suite: RuntimeSuite, o: ExecuteOptions): PlannedTest[] {
  const out: PlannedTest[] = [];
  for (const child of suite.children) {
    if (child.kind === 'suite') out.push(...plannedIn(child, o));
    else {
      const p = o.planned.get(child);
      if (p) out.push(p);
    }
  }
  return out;
}

/** root first, down to `suite` */
function ancestors(suite: RuntimeSuite): RuntimeSuite[] {
  const chain: RuntimeSuite[] = [];
  for (let s: RuntimeSuite | undefined = suite; s; s = s.parent) chain.unshift(s);
  return chain;
}

function stackOf(failure: Failure): { stack?: string } {
  return failure.error.stack === undefined ? {} : { stack: failure.error.stack };
}
