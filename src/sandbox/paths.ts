import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where sandboxes live. Every run gets a directory named by its run id under one base, holding a
 * directory per worker slot and the per-test temporary directories, so one `rm -r` of the run's
 * directory cleans up everything, and a later run can find what a killed run left behind.
 */
export const SANDBOX_BASE = join(tmpdir(), 'ptest-sandboxes');

export function runSandboxDir(base: string, runId: string): string {
  return join(base, runId);
}

/** the slot's private directory: the same for every thread that slot ever has */
export function workerSandboxDir(runDir: string, slot: number): string {
  return join(runDir, `w${slot}`);
}

/** a new directory name for one attempt of one test (created by the caller) */
export function testTmpdir(runDir: string, slot: number, testName: string, attempt: number): string {
  return join(runDir, 'tmp', `w${slot}`, `${safeName(testName)}-a${attempt}-${randomUUID().slice(0, 8)}`);
}

/**
 * A test name as one path segment: only letters, digits, '.', '-' and '_', never '.' or '..',
 * at most 60 characters. No name can climb out of the directory it is joined to.
 */
export function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60).replace(/^\.+/, '_');
  return safe === '' ? '_' : safe;
}
