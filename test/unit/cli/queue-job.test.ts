import { describe, expect, it } from 'vitest';
import { finishJob } from '../../../src/cli/queue-job.js';
import type { QueueJob } from '../../../src/cli/join-queue.js';
import type { RunIO } from '../../../src/cli/run-command.js';
import type { Options } from '../../../src/config/options.js';
import { ExitCode } from '../../../src/model/exit-codes.js';

/** finishJob with a job that has only what it reads: whether Redis was lost, and a queue to close */
async function finish(own: ExitCode, { lostQueue = false, grep = null as string | null } = {}): Promise<{ code: ExitCode; lines: string[]; closed: boolean }> {
  const lines: string[] = [];
  let closed = false;
  const job = { queue: { close: async () => void (closed = true) }, feed: { lostQueue } } as unknown as QueueJob;
  const options = { queue: { waitReport: false }, grep } as unknown as Options;
  const io = { warn: (line: string) => lines.push(line) } as unknown as RunIO;
  const code = await finishJob(job, async () => own, options, io);
  return { code, lines, closed };
}

describe("a --queue job's exit code", () => {
  it("is its own run's when it ran tests", async () => {
    expect(await finish(ExitCode.failed)).toEqual({ code: ExitCode.failed, lines: [], closed: true });
    expect((await finish(ExitCode.passed, { lostQueue: true })).code).toBe(ExitCode.passed);
  });

  it('passes when the queue had no test left for it, or none it got matches --grep, and says so', async () => {
    expect(await finish(ExitCode.noTests)).toEqual({ code: ExitCode.passed, lines: ['ptest: this job got no test from the queue: exit 0'], closed: true });
    expect((await finish(ExitCode.noTests, { grep: 'login' })).lines).toEqual(['ptest: no test this job got from the queue matches --grep "login": exit 0']);
  });

  it('is 4 when it lost Redis before it ran anything, as when Redis cannot be reached at the start', async () => {
    expect(await finish(ExitCode.noTests, { lostQueue: true })).toEqual({ code: ExitCode.usageError, lines: ['ptest: this job ran no test before it lost the queue: exit 4'], closed: true });
  });
});
