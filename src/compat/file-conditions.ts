import { readFileSync } from 'node:fs';
import type { CompatSettings } from '../model/compat.js';
import { environmentOf } from './environment-pragma.js';
import { projectOf } from './project-environment.js';

/**
 * The export conditions a test file's imports resolve with (Node's `node` among them only when
 * listed), by the environment it runs in (its docblock's, else its project's or the suite's) and
 * its project's conditions, else the suite's; undefined: Node's own. Asked alike by the
 * coordinator, which bundles files ahead of the workers, and by a worker that bundles a file the
 * cache lacks, so that both build, and look up, the same bundle.
 */
export function fileConditionsOf(file: string, root: string, compat: Pick<CompatSettings, 'environment' | 'projectEnvironments' | 'environmentConditions'>): readonly string[] | undefined {
  const project = projectOf(file, root, compat);
  const conditions = project?.environmentConditions ?? compat.environmentConditions;
  if (!conditions) return undefined;
  const fallback = project?.environment ?? compat.environment;
  let environment = fallback;
  try {
    environment = environmentOf(readFileSync(file, 'utf8'), fallback);
  } catch {
    // a file that cannot be read, or names an unknown environment: its worker reports that
  }
  return conditions[environment];
}
