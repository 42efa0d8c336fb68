import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { writeAtomic } from '../io/atomic-write.js';
import { inputsOf } from './build-inputs.js';
import { withCommonJsInterop, type ImportInterop } from './cjs-interop.js';

/**
 * The CommonJS build of a local module that a test file may load afresh after resetting its
 * modules (see fresh-loads.ts), written beside the file's bundle. CommonJS, because `require()`
 * is synchronous and each evaluation of the code must give new instances: the registry compiles
 * it as a new module every time. The local modules it imports are asked of the registry, each
 * by its own build (fresh-deps.ts); packages stay external, shared with the bundle.
 */
export function freshPath(bundlePath: string, id: string): string {
  return `${bundlePath.replace(/\.mjs$/, '')}.fresh-${createHash('sha1').update(id).digest('hex').slice(0, 16)}.cjs`;
}

/**
 * Builds `id` into `sidecar` with the bundle's own options and plugins (built for CommonJS
 * output) and returns the files it read. A module esbuild cannot build as CommonJS (a top-level
 * await) gets a sidecar that throws, naming the module and the reason, when it is loaded afresh.
 */
export async function buildFresh(id: string, sidecar: string, common: BuildOptions, plugins: Plugin[], interop: ImportInterop): Promise<string[]> {
  const { build } = await import('esbuild');
  try {
    const result = await build({ ...common, entryPoints: [id], outfile: sidecar, format: 'cjs', write: false, metafile: true, plugins });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no output');
    await writeAtomic(sidecar, withCommonJsInterop(output.text, interop));
    return inputsOf(result.metafile, common.absWorkingDir ?? '.');
  } catch (error) {
    const reason = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? (error as Error).message;
    const message = `ptest cannot load ${id} afresh after resetModules: ${reason}`;
    await writeAtomic(sidecar, `throw new Error(${JSON.stringify(message)});\n`);
    return [];
  }
}

/**
 * Builds each of `ids` into its sidecar in one esbuild build (a build per module costs more than the
 * module), and returns the files read. When that build fails (a module esbuild cannot make
 * CommonJS), each module is built on its own, so that only that module's sidecar throws.
 */
export async function buildFreshLevel(ids: readonly string[], sidecarOf: (id: string) => string, common: BuildOptions, plugins: Plugin[], interop: ImportInterop): Promise<string[]> {
  if (ids.length === 1) return buildFresh(ids[0]!, sidecarOf(ids[0]!), common, plugins, interop);
  const { build } = await import('esbuild');
  const sidecars = ids.map(sidecarOf);
  let result;
  try {
    const entryPoints = ids.map((id, i) => ({ in: id, out: basename(sidecars[i]!, '.cjs') }));
    result = await build({ ...common, entryPoints, outdir: dirname(sidecars[0]!), outExtension: { '.js': '.cjs' }, format: 'cjs', write: false, metafile: true, plugins });
  } catch {
    return (await Promise.all(ids.map((id, i) => buildFresh(id, sidecars[i]!, common, plugins, interop)))).flat();
  }
  await Promise.all(result.outputFiles.map((output) => writeAtomic(output.path, withCommonJsInterop(output.text, interop))));
  return inputsOf(result.metafile, common.absWorkingDir ?? '.');
}
