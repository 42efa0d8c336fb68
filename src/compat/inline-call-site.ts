import { OWN_DIR } from '../runtime-paths.js';

/**
 * The stack line of the call that took an inline snapshot, where it is written back: the first
 * frame that is neither ptest's, Node's nor a package's. Both snapshot engines otherwise take the
 * first frame outside node_modules, which is ptest's own when ptest is not installed there.
 */
export function inlineCallSite(): string | undefined {
  // (deep enough for the matcher wrappers between the test's call and here)
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  let stack: string | undefined;
  try {
    stack = new Error().stack;
  } finally {
    Error.stackTraceLimit = limit;
  }
  const frames = (stack ?? '').split('\n').slice(1);
  return frames.find((line) => !line.includes(OWN_DIR) && !line.includes('node:internal') && !line.includes('/node_modules/'));
}
