import type { JsxSettings } from '../model/compat.js';
import { isRecord } from './foreign-shared.js';

/**
 * JSX under Babel 6 (babel-core 6, with Jest 23 and older): `.babelrc` names the plugin as
 * `transform-react-jsx` or brings it in a preset (`react`), and Babel 6 has no partial config that
 * names the files plugins came from. Its OptionManager merges the config as babel-jest's run does
 * (`env` by BABEL_ENV or NODE_ENV, `extends`, presets flattened into plugins in run order); the
 * first plugin that visits JSX elements compiles them, so its pragma is the one taken. Babel 6
 * had only the classic runtime, and no fragments.
 */
export interface Babel6Core {
  version: string;
  OptionManager: new () => { init(options: { filename: string }): { plugins?: unknown[] } };
}

export function isBabel6(core: object): core is Babel6Core {
  return 'OptionManager' in core && 'version' in core && String(core.version).startsWith('6.');
}

export function babel6Jsx(core: Babel6Core, filename: string, envName: string): JsxSettings | undefined | 'refused' {
  // Babel 6 reads its env from the process, not from an option
  const before = process.env.BABEL_ENV;
  process.env.BABEL_ENV = envName;
  try {
    const plugins = new core.OptionManager().init({ filename }).plugins ?? [];
    for (const entry of plugins) {
      const [plugin, options] = Array.isArray(entry) ? (entry as unknown[]) : [entry];
      if (isRecord(plugin) && isRecord(plugin.visitor) && 'JSXElement' in plugin.visitor) {
        const pragma = isRecord(options) && typeof options.pragma === 'string' ? options.pragma : undefined;
        return { runtime: 'classic', ...(pragma === undefined ? {} : { factory: pragma }) };
      }
    }
    return undefined;
  } catch {
    return 'refused';
  } finally {
    if (before === undefined) delete process.env.BABEL_ENV;
    else process.env.BABEL_ENV = before;
  }
}
