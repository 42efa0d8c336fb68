import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginBuild, ResolveOptions, ResolveResult } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOnce, sharedResolutions, type Resolutions } from '../../../src/transform/resolve-once.js';

/** a build whose resolver counts its calls */
function fakeBuild(conditions: string[] = [], platform?: 'node') {
  const calls: string[] = [];
  const from: string[] = [];
  const build = {
    initialOptions: { conditions, platform },
    resolve: async (path: string, options: ResolveOptions) => (calls.push(path), from.push(options.resolveDir!), { path: `/r/${path}` } as ResolveResult),
  } as unknown as PluginBuild;
  return { build, calls, from };
}
const ASK = Symbol('ptest-resolving');
const ask = (build: PluginBuild, path: string, resolveDir = '/p/src') => resolveOnce(build, path, { kind: 'import-statement', resolveDir, pluginData: ASK });

describe('resolveOnce', () => {
  it('asks esbuild once per specifier, directory and kind within a build', async () => {
    const { build, calls } = fakeBuild();
    await Promise.all([ask(build, './pkg'), ask(build, './pkg'), ask(build, './pkg', '/p/other')]);
    expect(calls).toEqual(['./pkg', './pkg']);
    expect(await ask(build, './pkg')).toEqual({ path: '/r/./pkg' });
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

  it('asks for a package from the nearest directory with a node_modules, package.json or tsconfig: the folders below it give the same answer', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ptest-resolve-once-'));
    dirs.push(root);
    for (const dir of ['src/a/b', 'src/c', 'packages/x/src/deep', 'paths/src']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{}');
    writeFileSync(join(root, 'packages/x/package.json'), '{}');
    writeFileSync(join(root, 'paths/tsconfig.json'), '{}');
    const { build, calls, from } = fakeBuild();
    await Promise.all([ask(build, 'pkg', join(root, 'src/a/b')), ask(build, 'pkg', join(root, 'src/c')), ask(build, 'pkg', join(root, 'packages/x/src/deep')), ask(build, 'pkg', join(root, 'paths/src'))]);
    expect(from).toEqual([root, join(root, 'packages/x'), join(root, 'paths')]);
    // a relative path depends on the very directory
    calls.length = 0;
    await Promise.all([ask(build, './y', join(root, 'src/a/b')), ask(build, './y', join(root, 'src/c'))]);
    expect(calls).toEqual(['./y', './y']);
  });

  it("finds a package's file itself when the build is Node's, and asks esbuild about what it does not find", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ptest-resolve-once-'));
    dirs.push(root);
    mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(root, 'node_modules/pkg/index.js'), '');
    const { build, calls } = fakeBuild([], 'node');
    expect((await ask(build, 'pkg', root)).path).toBe(join(root, 'node_modules/pkg/index.js'));
    expect((await ask(build, 'absent', root)).path).toBe('/r/absent');
    expect(calls).toEqual(['absent']);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
