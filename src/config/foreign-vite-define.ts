import { isRecord, keyPath, type Mapping } from './foreign-shared.js';
import { mapViteJsx } from './foreign-vite-jsx.js';

/**
 * Vite's `define` as Vitest applies it to tests, which it does not bundle: a plain name whose value
 * is JSON becomes a global variable of every test file, and `import.meta.env.X` or `process.env.X`
 * an environment variable; a dotted name or a value that is code (`'process.env.VAR'`) would need
 * the source rewritten, which Vitest leaves to Vite and ptest does not do: listed as ignored.
 */
/** the top-level Vite keys that change the code the tests run: `define`, and the JSX settings of `esbuild` and `oxc` */
export const VITE_CODE_KEYS: ReadonlySet<string> = new Set(['define', 'esbuild', 'oxc']);

export function mapViteCodeKey(key: string, value: unknown, path: string, m: Mapping): void {
  if (key === 'esbuild' || key === 'oxc') mapViteJsx(key, value, path, m);
  else mapViteDefine(value, path, m);
}

function mapViteDefine(value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return m.ignore(path);
  const globals: Record<string, unknown> = {};
  const env: Record<string, string> = {};
  for (const [name, written] of Object.entries(value)) {
    // Vitest's own: `import.meta.vitest` is in-source testing, the others Node's
    if (['import.meta.vitest', 'process.env', 'process', 'global'].includes(name)) continue;
    const parsed = jsonValue(written);
    const envName = /^(?:import\.meta\.env|process\.env)\.(\w+)$/.exec(name)?.[1];
    if (parsed.ok && envName) env[envName] = String(parsed.value);
    else if (parsed.ok && /^[A-Za-z_$][\w$]*$/.test(name)) globals[name] = parsed.value;
    else m.ignore(keyPath(path, name));
  }
  if (Object.keys(globals).length > 0) m.set('globalValues', { ...m.config.globalValues, ...globals }, path);
  if (Object.keys(env).length > 0) addEnv(env, path, m);
}

/** Vitest's `test.env`: variables every test file finds in process.env and import.meta.env */
export function mapTestEnv(value: unknown, path: string, m: Mapping): void {
  if (!isRecord(value)) return m.ignore(path);
  const env: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') env[name] = String(v);
    else m.ignore(keyPath(path, name));
  }
  addEnv(env, path, m);
}

function addEnv(env: Record<string, string>, path: string, m: Mapping): void {
  m.set('env', { ...m.config.env, ...env }, ...(m.sources.get('env') ?? []), path);
}

/** a define's value as Vitest reads it: a string is JSON source, anything else the value itself */
function jsonValue(written: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof written !== 'string') return written === undefined || typeof written === 'function' ? { ok: false } : { ok: true, value: written };
  try {
    return { ok: true, value: JSON.parse(written) as unknown };
  } catch {
    return { ok: false };
  }
}
