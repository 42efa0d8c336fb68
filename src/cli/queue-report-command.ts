import { randomUUID } from 'node:crypto';
import type { Options } from '../config/options.js';
import type { QueueOptions } from '../config/queue-options.js';
import { UsageError } from '../config/usage-error.js';
import type { ExitCode } from '../model/exit-codes.js';
import { RunQuarantine } from '../quarantine/run-quarantine.js';
import { buildReport } from '../queue/build-report.js';
import { DrainWatch, type DrainVerdict } from '../queue/drain-watch.js';
import { isDrained, pollUntil, type BuildSnapshot } from '../queue/queue-model.js';
import { RedisQueue } from '../queue/redis-queue.js';
import { finishMerged } from './merge-command.js';
import type { RunIO } from './run-command.js';

/**
 * `ptest report --queue … --build-id …` (and a job's `--wait-report`): waits until the build's
 * queue has drained (or no job is left to drain it, or the timeout), then writes the reports a
 * single run would give, merges the history and exits with the build's code.
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
  const { buildId, timeoutMs, idleTimeoutMs } = options.queue;
  const { snapshot, verdict } = await waitForDrain(queue, timeoutMs, new DrainWatch(idleTimeoutMs));
  if (verdict === 'abandoned') io.warn(`ptest: no job of the build ${buildId} has been running for ${idleTimeoutMs} ms (--queue-idle-timeout) and units are left: reporting what is in`);
  else if (verdict === 'wait') io.warn(`ptest: the build ${buildId} did not finish within ${timeoutMs} ms (--queue-timeout): reporting what is in`);
  const quarantine = await RunQuarantine.load(options.quarantine);
  const { report, parts } = buildReport(snapshot, randomUUID(), quarantine.ids);
  return finishMerged(report, parts, quarantine, options, io, isDrained(snapshot) && snapshot.dead.size === 0);
}

function waitForDrain(queue: RedisQueue, timeoutMs: number, watch: DrainWatch): Promise<{ snapshot: BuildSnapshot; verdict: DrainVerdict }> {
  let last: BuildSnapshot | undefined;
  return pollUntil<{ snapshot: BuildSnapshot; verdict: DrainVerdict }>(
    async () => {
      last = await queue.snapshot();
      const verdict = watch.observe(last, Date.now());
      return verdict === 'wait' ? null : { snapshot: last, verdict };
    },
    { everyMs: DRAIN_POLL_MS, timeoutMs, onTimeout: () => ({ snapshot: last!, verdict: 'wait' }) },
  );
}
