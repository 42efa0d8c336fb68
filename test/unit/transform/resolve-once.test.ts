import type { PluginBuild, ResolveResult } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { resolveOnce, sharedResolutions, type Resolutions } from '../../../src/transform/resolve-once.js';

/** a build whose resolver counts its calls */
function fakeBuild(conditions: string[] = []) {
  const calls: string[] = [];
  const build = {
    initialOptions: { conditions },
    resolve: async (path: string) => (calls.push(path), { path: `/r/${path}` } as ResolveResult),
  } as unknown as PluginBuild;
  return { build, calls };
}
const ASK = Symbol('ptest-resolving');
const ask = (build: PluginBuild, path: string, resolveDir = '/p/src') => resolveOnce(build, path, { kind: 'import-statement', resolveDir, pluginData: ASK });

describe('resolveOnce', () => {
  it('asks esbuild once per specifier, directory and kind within a build', async () => {
    const { build, calls } = fakeBuild();
    await Promise.all([ask(build, 'pkg'), ask(build, 'pkg'), ask(build, 'pkg', '/p/other')]);
    expect(calls).toEqual(['pkg', 'pkg']);
    expect(await ask(build, 'pkg')).toEqual({ path: '/r/pkg' });
  });

  it('keeps builds apart, unless they share their resolutions; other conditions are another question', async () => {
    const [one, two] = [fakeBuild(), fakeBuild()];
    await ask(one.build, 'pkg');
    await ask(two.build, 'pkg');
    expect([one.calls, two.calls]).toEqual([['pkg'], ['pkg']]);

    const answers: Resolutions = new Map();
    const [a, b, c] = [fakeBuild(), fakeBuild(), fakeBuild(['browser'])];
    for (const { build } of [a, b, c]) void sharedResolutions(answers).setup(build);
    await ask(a.build, 'pkg');
    await ask(b.build, 'pkg');
    await ask(c.build, 'pkg');
    expect([a.calls, b.calls, c.calls]).toEqual([['pkg'], [], ['pkg']]);
  });
});
