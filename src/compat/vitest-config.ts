/**
 * What `import … from 'vitest/config'` gets in a config file ptest reads: Vitest's helpers are
 * identities or plain merges, and loading the real module would start Vite (or fail where Vitest is
 * not installed).
 */
export const defaultInclude = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
export const defaultExclude = ['**/node_modules/**', '**/.git/**'];
export const configDefaults = Object.freeze({ include: defaultInclude, exclude: defaultExclude });

export const defineConfig = <T>(config: T): T => config;
export const defineProject = <T>(config: T): T => config;
export const defineWorkspace = <T>(config: T): T => config;

/** Vite's mergeConfig: objects merge deeply, arrays concatenate, the override wins otherwise */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(override)) return [...base, ...override];
  if (!isObject(base) || !isObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = key in base ? mergeConfig(base[key], value) : value;
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
