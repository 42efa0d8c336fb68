import { dirname, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { nearestFile } from './nearest-file.js';

/**
 * The files an esbuild build read, which the bundle cache checks before reusing what it built.
 * Modules in ptest's own namespaces (the virtual entry, mock and CommonJS stand-ins) are no files:
 * the files they stand for are listed by the plugins that make them.
 */
export function inputsOf(metafile: Metafile, workingDir: string, output?: string): string[] {
  return [...(output === undefined ? Object.keys(metafile.inputs) : reachableFrom(metafile, workingDir, output))]
    .filter((p) => !/^ptest-[a-z-]+:/.test(p))
    .map((p) => resolve(workingDir, p));
}

/**
 * The inputs of one output of a build of several: those its entry reaches through imports. Not the
 * output's own `inputs`, which leave out a module that adds no bytes (one exporting types only),
 * whose change could still change the bundle.
 */
function reachableFrom(metafile: Metafile, workingDir: string, output: string): Set<string> {
  const entry = entryPointOf(metafile, workingDir, output);
  if (entry === undefined) throw new Error(`esbuild's metafile has no entry for ${output}`);
  const reached = new Set<string>();
  const pending = [entry];
  for (let input = pending.pop(); input !== undefined; input = pending.pop()) {
    if (reached.has(input)) continue;
    reached.add(input);
    for (const { path, external } of metafile.inputs[input]?.imports ?? []) if (!external) pending.push(path);
  }
  return reached;
}

/** the metafile's name for the entry point of the output written to `output` (an absolute path) */
export function entryPointOf(metafile: Metafile, workingDir: string, output: string): string | undefined {
  const key = Object.keys(metafile.outputs).find((p) => resolve(workingDir, p) === output);
  return key === undefined ? undefined : metafile.outputs[key]?.entryPoint;
}

/**
 * The package.json and tsconfig.json nearest each local input: esbuild reads them for the file
 * (its module type, `paths`, JSX settings), yet they are not among the metafile's inputs, and a
 * bundle built under an old one must not outlive it.
 */
export function settingsOf(inputs: readonly string[], memo: Map<string, string | undefined>): string[] {
  const found = new Set<string>();
  // `memo`: one build's, shared by its bundles; asked afresh for each build, as a settings file may have been added since the last one
  for (const input of inputs) {
    if (input.includes('/node_modules/')) continue;
    for (const name of ['package.json', 'tsconfig.json']) {
      const path = nearestFile(dirname(input), name, memo);
      if (path !== undefined) found.add(path);
    }
  }
  return [...found];
}
