import { resolve } from 'node:path';
import type { ReporterSpec } from '../config/options.js';
import { JsonReporter } from './json-reporter.js';
import type { Reporter } from './reporter.js';
import { TerminalReporter } from './terminal-reporter.js';

/** `--reporter name[:path]` specs → reporters. File reporters without a path write to a default name. */
export function createReporters(specs: readonly ReporterSpec[], root: string, cwd: string, internalDirs: string[]): { name: string; reporter: Reporter }[] {
  return specs.map((spec) => {
    switch (spec.name) {
      case 'default':
        return { name: spec.name, reporter: new TerminalReporter({ root, internalDirs }) };
      case 'json':
        return { name: spec.name, reporter: new JsonReporter(resolve(cwd, spec.path ?? 'ptest-report.json')) };
    }
  });
}
