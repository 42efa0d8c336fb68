import { describe, expect, it } from 'vitest';
import { babel6Jsx, isBabel6, type Babel6Core } from '../../../src/config/babel6-jsx.js';

/**
 * Babel 6's OptionManager, as babel-core 6.26 answers for a .babelrc: plugins in run order, each a
 * [plugin, options] pair whose plugin has a visitor (transform-react-jsx visits JSXElement; syntax
 * plugins visit nothing). The env it read is recorded, since Babel 6 reads BABEL_ENV from the process.
 */
function core(plugins: unknown[] | Error, seen: { env?: string | undefined } = {}): Babel6Core {
  return {
    version: '6.26.3',
    OptionManager: class {
      init() {
        seen.env = process.env.BABEL_ENV;
        if (plugins instanceof Error) throw plugins;
        return { plugins };
      }
    },
  };
}
const visits = (...names: string[]) => ({ visitor: Object.fromEntries(['_exploded', ...names].map((n) => [n, {}])) });
const jsxPlugin = visits('JSXNamespacedName', 'JSXElement', 'Program');

describe('babel6Jsx: JSX settings from a Babel 6 config', () => {
  it('takes the pragma of the first plugin that compiles JSX elements, classic as Babel 6 only was', () => {
    expect(babel6Jsx(core([[visits(), undefined], [jsxPlugin, { pragma: 'h' }], [jsxPlugin, undefined]]), '/p/x.test.js', 'test')).toEqual({ runtime: 'classic', factory: 'h' });
    // preset react alone: React.createElement, esbuild's default
    expect(babel6Jsx(core([[jsxPlugin, undefined]]), '/p/x.test.js', 'test')).toEqual({ runtime: 'classic' });
  });

  it('finds none in a config without a JSX transform, and says refused when Babel throws on the config', () => {
    expect(babel6Jsx(core([[visits('ExportDefaultDeclaration'), undefined]]), '/p/x.test.js', 'test')).toBeUndefined();
    expect(babel6Jsx(core(new Error("Couldn't find preset \"es2015\"")), '/p/x.test.js', 'test')).toBe('refused');
  });

  it("reads the config for the run's env, and leaves the process's BABEL_ENV as it was", () => {
    const seen: { env?: string | undefined } = {};
    const before = process.env.BABEL_ENV;
    babel6Jsx(core([], seen), '/p/x.test.js', 'test');
    expect(seen.env).toBe('test');
    expect(process.env.BABEL_ENV).toBe(before);
  });

  it('tells babel-core 6 from the Babel 7 bridge and Babel 5', () => {
    expect(isBabel6(core([]))).toBe(true);
    expect(isBabel6({ version: '7.0.0-bridge.0', loadPartialConfigAsync: () => null })).toBe(false);
    expect(isBabel6({ version: '5.8.38', OptionManager: class {} })).toBe(false);
  });
});
