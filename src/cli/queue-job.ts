import type { Options } from '../config/options.js';
import type { QueueOptions } from '../config/queue-options.js';
import { parseShard } from '../config/shard-option.js';
import { ExitCode } from '../model/exit-codes.js';
import type { RunEvent } from '../model/events.js';
import type { WorkUnit } from '../model/protocol.js';
import { QueueUnavailable } from '../queue/redis-queue.js';
import { joinQueue, type QueueJob } from './join-queue.js';
import { reportBuild } from './queue-report-command.js';
import type { RunIO } from './run-command.js';

/**
 * The two ends of a run that is one job of a `--queue` build: joining (or, with
 * `--queue-fallback shard` and Redis out of reach, becoming a plain `--shard auto` run instead),
 * and finishing: this job's own reports, or with `--wait-report` the whole build's.
 */
export async function joinQueueOrShard(options: Options, units: readonly WorkUnit[], io: RunIO, local: (event: RunEvent) => void): Promise<{ job: QueueJob } | { fallback: Options }> {
  const q = options.queue!;
  try {
    return { job: await joinQueue(q, units, io.warn, local) };
  } catch (error) {
    if (!(error instanceof QueueUnavailable) || q.fallback !== 'shard') throw error;
    const shard = parseShard('auto', io.env);
    io.warn(`ptest: ${error.message}; running shard ${shard.index}/${shard.total} instead (--queue-fallback shard)`);
    return { fallback: { ...options, queue: null, shard } };
  }
}

export async function finishJob(job: QueueJob, finishOwn: () => Promise<ExitCode>, options: Options, io: RunIO): Promise<ExitCode> {
  try {
    if (!options.queue?.waitReport) {
      // a job that came when the queue had nothing left for it did its part
      const code = await finishOwn();
      if (code !== ExitCode.noTests) return code;
      // a job that lost Redis before it ran anything did not do its part, as one that could not reach it
      if (job.feed.lostQueue) {
        io.warn('ptest: this job ran no test before it lost the queue: exit 4');
        return ExitCode.usageError;
      }
      io.warn(options.grep === null ? 'ptest: this job got no test from the queue: exit 0' : `ptest: no test this job got from the queue matches --grep ${JSON.stringify(options.grep)}: exit 0`);
      return ExitCode.passed;
    }
    return await reportBuild(job.queue, options as Options & { queue: QueueOptions }, io);
  } finally {
    await job.queue.close();
  }
}
