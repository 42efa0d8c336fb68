import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../transform/project.js';
import { mergePreset, withJestPresets } from '../../../src/config/jest-preset.js';
import { loadConfig } from '../../../src/config/load-config.js';

describe('a Jest preset', () => {
  it("merges as Jest merges it: the config's keys win, setup lists the preset's first, mappers the config's entries first, globals by key", () => {
    const preset = { testEnvironment: 'jsdom', testMatch: ['**/test/*.js'], setupFiles: ['p.js'], setupFilesAfterEnv: ['pa.js'], moduleNameMapper: { a: 'p', b: 'p' }, transform: { x: 'p' }, globals: { G: { p: 1, both: 'p' }, H: 1 } };
    const options = { testEnvironment: 'node', setupFiles: ['c.js'], moduleNameMapper: { b: 'c', c: 'c' }, globals: { G: { both: 'c' } } };
    const merged = mergePreset(options, preset);
    expect(merged).toEqual({
      testEnvironment: 'node',
      testMatch: ['**/test/*.js'],
      setupFiles: ['p.js', 'c.js'],
      setupFilesAfterEnv: ['pa.js'],
      moduleNameMapper: { b: 'c', c: 'c', a: 'p' },
      transform: { x: 'p' },
      globals: { G: { p: 1, both: 'c' }, H: 1 },
    });
    expect(Object.keys(merged.moduleNameMapper as object)).toEqual(['b', 'c', 'a']);
  });

  it("is found as a package's jest-preset file or by its path, also for an inline project, and a missing one or ts-jest's stays", async () => {
    const dir = project({
      'node_modules/shop-preset/jest-preset.json': JSON.stringify({ testMatch: ['**/spec/*.js'] }),
      'presets/local.js': "module.exports = { testEnvironment: 'jsdom' };",
    });
    expect(await withJestPresets({ preset: 'shop-preset', clearMocks: true }, dir)).toEqual({ config: { testMatch: ['**/spec/*.js'], clearMocks: true }, presets: ['shop-preset'] });
    const projects = await withJestPresets({ projects: [{ preset: '<rootDir>/presets/local.js' }, 'packages/*'] }, dir);
    expect(projects).toEqual({ config: { projects: [{ testEnvironment: 'jsdom' }, 'packages/*'] }, presets: ['<rootDir>/presets/local.js'] });
    expect(await withJestPresets({ preset: 'missing-preset' }, dir)).toEqual({ config: { preset: 'missing-preset' }, presets: [] });
    expect(await withJestPresets({ preset: 'ts-jest/presets/js-with-ts' }, dir)).toEqual({ config: { preset: 'ts-jest/presets/js-with-ts' }, presets: [] });
  });

  it('is named in the notice, and its settings apply', async () => {
    const dir = project({
      'jest.config.js': "module.exports = { preset: './my-preset/jest-preset.js', clearMocks: true };",
      'my-preset/jest-preset.js': "module.exports = { testMatch: ['**/test/*.js'], setupFiles: [require.resolve('./setup.js')] };",
      'my-preset/setup.js': '',
    });
    const { config, notice } = await loadConfig({ cwd: dir, root: dir }, undefined, join(dir, '.cache'));
    expect(notice).toBe('read jest.config.js with its preset ./my-preset/jest-preset.js');
    expect(config).toMatchObject({ include: ['**/test/*.js'], setupFiles: [join(dir, 'my-preset/setup.js')], clearMocks: true });
  });
});
