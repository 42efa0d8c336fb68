import { randomUUID } from 'node:crypto';
import type { Options } from '../config/options.js';
import type { QueueOptions } from '../config/queue-options.js';
import { UsageError } from '../config/usage-error.js';
import type { ExitCode } from '../model/exit-codes.js';
import { RunQuarantine } from '../quarantine/run-quarantine.js';
import { buildReport } from '../queue/build-report.js';
import { isDrained, pollUntil, type BuildSnapshot } from '../queue/queue-model.js';
import { RedisQueue } from '../queue/redis-queue.js';
import { finishMerged } from './merge-command.js';
import type { RunIO } from './run-command.js';

/**
 * `ptest report --queue … --build-id …` (and a job's `--wait-report`): waits until the build's
 * queue has drained, or the timeout, then writes the reports a single run would give, merges the
 * history and exits with the build's code.
 */
const DRAIN_POLL_MS = 500;

export async function queueReportCommand(options: Options, io: RunIO): Promise<ExitCode> {
  if (!options.queue) throw new UsageError('report: which build? pass --queue <redis-url> (or --queue with PTEST_REDIS_URL) and --build-id');
  const queue = await RedisQueue.connect(options.queue);
  try {
    return await reportBuild(queue, options as Options & { queue: QueueOptions }, io);
  } finally {
    await queue.close();
  }
}

export async function reportBuild(queue: RedisQueue, options: Options & { queue: QueueOptions }, io: RunIO): Promise<ExitCode> {
  const snapshot = await waitForDrain(queue, options.queue.timeoutMs);
  if (!isDrained(snapshot)) io.warn(`ptest: the build ${options.queue.buildId} did not finish within ${options.queue.timeoutMs} ms (--queue-timeout): reporting what is in`);
  const quarantine = await RunQuarantine.load(options.quarantine);
  const { report, parts } = buildReport(snapshot, randomUUID(), quarantine.ids);
  return finishMerged(report, parts, quarantine, options, io, isDrained(snapshot) && snapshot.dead.size === 0);
}

function waitForDrain(queue: RedisQueue, timeoutMs: number): Promise<BuildSnapshot> {
  let last: BuildSnapshot | undefined;
  return pollUntil(
    async () => {
      last = await queue.snapshot();
      return isDrained(last) ? last : null;
    },
    { everyMs: DRAIN_POLL_MS, timeoutMs, onTimeout: () => last! },
  );
}
