import { format } from 'pretty-format';
import type { TestError } from '../model/results.js';
import { firstUserFrame } from '../model/stack-frames.js';

/**
 * Turns whatever a test threw into plain data. The stack is already source-mapped (the worker
 * enables Node's source maps), so the location names the original `.ts` file and line.
 */
export function toTestError(thrown: unknown, internalDirs: readonly string[], fallbackSite?: Error): TestError {
  const isError = thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown);
  // (a value that is no error as jest-circus prints it)
  const message = isError ? namedMessage(thrown as Error) : `thrown: ${format(thrown, { maxDepth: 3 })}`;
  const stack = isError && typeof (thrown as Error).stack === 'string' ? (thrown as Error).stack : undefined;
  const location = firstUserFrame(stack, internalDirs) ?? firstUserFrame(fallbackSite?.stack, internalDirs);
  const error: TestError = { message };
  if (stack !== undefined) error.stack = stack;
  if (location) error.location = location;
  return error;
}

/**
 * As Jest words it: an error of a class of its own is named before its message (`TypeError: …`,
 * chai's `AssertionError: …`), a plain Error and expect's failures are their message alone.
 */
function namedMessage(error: Error): string {
  const message = String(error.message);
  const name: unknown = error.name;
  return typeof name !== 'string' || name === '' || name === 'Error' || message.startsWith(`${name}:`) ? message : `${name}: ${message}`;
}
