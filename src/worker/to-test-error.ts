import { inspect } from 'node:util';
import type { TestError } from '../model/results.js';
import { firstUserFrame } from '../model/stack-frames.js';

/**
 * Turns whatever a test threw into plain data. The stack is already source-mapped (the worker
 * enables Node's source maps), so the location names the original `.ts` file and line.
 */
export function toTestError(thrown: unknown, internalDirs: readonly string[], fallbackSite?: Error): TestError {
  const isError = thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown);
  const message = isError ? String((thrown as Error).message) : `thrown: ${inspect(thrown)}`;
  const stack = isError && typeof (thrown as Error).stack === 'string' ? (thrown as Error).stack : undefined;
  const location = firstUserFrame(stack, internalDirs) ?? firstUserFrame(fallbackSite?.stack, internalDirs);
  const error: TestError = { message };
  if (stack !== undefined) error.stack = stack;
  if (location) error.location = location;
  return error;
}
