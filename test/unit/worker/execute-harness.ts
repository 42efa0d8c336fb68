import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerMessage } from '../../../src/model/protocol.js';
import { Collector } from '../../../src/worker/collector.js';
import { executeFile, type ExecuteOptions } from '../../../src/worker/execute.js';
import { planFile, toFileNode, type Selection } from '../../../src/worker/select.js';
import { toTestError } from '../../../src/worker/to-test-error.js';
import { MemoryTransport } from '../../../src/worker/transport.js';

/**
 * Collect and execute over the in-memory transport: registrations are made directly on a
 * Collector (as the public API would during import), and the assertions read the messages.
 */
export const TMP = mkdtempSync(join(tmpdir(), 'ptest-exec-'));

export type Attempts = Partial<Pick<ExecuteOptions, 'firstAttempt' | 'lastAttempt' | 'isolated' | 'doneCallbacks' | 'deferRetries' | 'uncaught'>>;

export async function run(register: (c: Collector) => void, selection: Selection = { grep: null, testIds: null }, timeoutMs = 1000, attempts: Attempts = {}) {
  const collector = new Collector();
  register(collector);
  const planned = planFile(collector.root, 'f.ts', selection);
  const transport = new MemoryTransport();
  await executeFile(collector.root, {
    planned,
    defaultTimeoutMs: timeoutMs,
    workerId: 3,
    firstAttempt: attempts.firstAttempt ?? 0,
    lastAttempt: attempts.lastAttempt ?? attempts.firstAttempt ?? 0,
    rerunsDelayMs: 0,
    isolated: attempts.isolated ?? false,
    sandbox: '/sandbox/w3',
    tmpdirFor: (testId, attempt) => join(TMP, `${testId.replace(/\W/g, '_')}-${attempt}`),
    post: (m) => transport.post(m),
    toError: (e, site) => toTestError(e, [], site),
    ...(attempts.doneCallbacks ? { doneCallbacks: attempts.doneCallbacks } : {}),
    ...(attempts.deferRetries ? { deferRetries: true } : {}),
    ...(attempts.uncaught ? { uncaught: attempts.uncaught } : {}),
  });
  const ends = transport.messages.flatMap((m: WorkerMessage) => (m.type === 'test:end' ? [[m.id, m.attempt.status] as const] : []));
  return { messages: transport.messages, ends, tree: toFileNode(collector.root, 'f.ts', planned) };
}
