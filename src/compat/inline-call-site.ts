import { OWN_DIR } from '../runtime-paths.js';
import { isUserFrame, parseFrame } from '../model/stack-frames.js';

/**
 * The stack line of the call that took an inline snapshot, where it is written back: the first
 * frame that is neither ptest's, Node's nor a package's, below a custom matcher if one took it
 * (expect calls those through a frame named __EXTERNAL_MATCHER_TRAP__). Both snapshot engines
 * otherwise take the first frame outside node_modules, which is ptest's own when ptest is not
 * installed there. `stack`: one taken earlier (expect's, for `.resolves`/`.rejects`, at the call).
 */
export function inlineCallSite(stack = deepStack()): string | undefined {
  const lines = stack.split('\n').slice(1);
  const trap = lines.findLastIndex((line) => line.includes('__EXTERNAL_MATCHER_TRAP__'));
  return lines.slice(trap + 1).find((line) => {
    const location = parseFrame(line);
    return location !== undefined && isUserFrame(location, [OWN_DIR]);
  });
}

/** (deep enough for the matcher wrappers between the test's call and here) */
function deepStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    return new Error().stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * An error whose stack is the call site alone, for jest-snapshot's matcher context: its location
 * only, which jest-message-util parses whatever the frame's name (it drops `at <anonymous>`).
 */
export function inlineSiteError(stack?: string): Error {
  const error = new Error('snapshot');
  const site = inlineCallSite(stack) ?? '';
  const location = /\((.*)\)$/.exec(site)?.[1] ?? site.replace(/^\s*at (?:async )?/, '');
  error.stack = `Error: snapshot\n    at ${location}`;
  return error;
}
