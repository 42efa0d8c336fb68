import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

/**
 * Colour decision for everything ptest prints: NO_COLOR (any non-empty value) turns colour off,
 * FORCE_COLOR turns it on (chalk reads it), otherwise colour follows whether stdout is a terminal.
 */
export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR) return 0;
  if ('FORCE_COLOR' in env) return supportsColor ? supportsColor.level : 0;
  return isTTY && supportsColor ? supportsColor.level : 0;
}

export function makeChalk(level: 0 | 1 | 2 | 3): ChalkInstance {
  return new Chalk({ level });
}
