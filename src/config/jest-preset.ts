import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRecord, jestRootDir } from './foreign-shared.js';

/** ts-jest's presets hold its transform only: esbuild stands in for it (foreign-jest-transform.ts) */
const TS_JEST = /^ts-jest(?:\/|$)/;
const PRESET_FILES = ['jest-preset.json', 'jest-preset.js', 'jest-preset.cjs', 'jest-preset.mjs'];

/**
 * A Jest config with its `preset` merged in as Jest merges it (jest-config's setupPreset): the
 * config's keys win, setup files and module path ignores are the preset's first, then the
 * config's; moduleNameMapper and transform keep the config's entries first; globals merge by key.
 * @wordpress/jest-preset-default brings a suite's testMatch, environment and setup files, all of
 * which ptest read as missing. The same for each inline project. A preset that cannot be found
 * (or ts-jest's) stays, and is named by the config's mapping.
 */
export async function withJestPresets(config: unknown, root: string): Promise<{ config: unknown; presets: string[] }> {
  const presets: string[] = [];
  if (!isRecord(config)) return { config, presets };
  const rootDir = jestRootDir(config, root);
  const merged = await withPreset(config, rootDir, presets);
  if (!Array.isArray(merged.projects)) return { config: merged, presets };
  const projects = await Promise.all(merged.projects.map((project) => (isRecord(project) ? withPreset(project, jestRootDir(project, rootDir), presets) : project)));
  return { config: { ...merged, projects }, presets };
}

/** `presets`: collects the names of the presets merged */
async function withPreset(config: Record<string, unknown>, rootDir: string, presets: string[]): Promise<Record<string, unknown>> {
  const name = config.preset;
  if (typeof name !== 'string' || TS_JEST.test(name)) return config;
  const file = presetFile(name.replace(/^<rootDir>/, rootDir), rootDir);
  if (file === undefined) return config;
  const preset = await loadPreset(file);
  if (!isRecord(preset)) return config;
  if (!presets.includes(name)) presets.push(name);
  const { preset: _, ...options } = config;
  return mergePreset(options, preset);
}

/** Jest's lookup: a path is the preset's file; a package name, its `jest-preset.{json,js,cjs,mjs}` */
function presetFile(name: string, rootDir: string): string | undefined {
  const require = createRequire(join(rootDir, 'package.json'));
  const candidates = name.startsWith('.') || isAbsolute(name) ? [name] : PRESET_FILES.map((file) => `${name}/${file}`);
  for (const candidate of candidates) {
    try {
      return candidate.startsWith('.') || isAbsolute(candidate) ? (existsSync(resolve(rootDir, candidate)) ? resolve(rootDir, candidate) : undefined) : require.resolve(candidate);
    } catch {
      // the next name Jest would try
    }
  }
  return undefined;
}

async function loadPreset(file: string): Promise<unknown> {
  if (file.endsWith('.json')) return JSON.parse(readFileSync(file, 'utf8'));
  if (file.endsWith('.mjs')) return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  return createRequire(file)(file);
}

export function mergePreset(options: Record<string, unknown>, preset: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...options };
  for (const key of ['setupFiles', 'setupFilesAfterEnv', 'modulePathIgnorePatterns']) {
    if (Array.isArray(options[key]) && Array.isArray(preset[key])) merged[key] = [...(preset[key] as unknown[]), ...(options[key] as unknown[])];
  }
  for (const key of ['moduleNameMapper', 'transform']) {
    if (isRecord(options[key]) && isRecord(preset[key])) merged[key] = { ...options[key], ...preset[key], ...options[key] };
  }
  if (isRecord(options.globals) && isRecord(preset.globals)) {
    const globals: Record<string, unknown> = { ...preset.globals, ...options.globals };
    for (const [key, value] of Object.entries(preset.globals)) {
      const own = options.globals[key];
      if (isRecord(own) && isRecord(value)) globals[key] = { ...value, ...own };
    }
    merged.globals = globals;
  }
  return { ...preset, ...merged };
}
