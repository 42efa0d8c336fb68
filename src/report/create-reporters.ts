import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { ReporterSpec } from '../config/options.js';
import { UsageError } from '../config/usage-error.js';
import { JsonReporter } from './json-reporter.js';
import { BlobReporter } from './blob-reporter.js';
import { GithubReporter } from './github-reporter.js';
import { HtmlReporter } from './html-reporter.js';
import { JunitReporter } from './junit-reporter.js';
import { MarkdownReporter } from './markdown-reporter.js';
import type { Reporter } from './reporter.js';
import { TerminalReporter } from './terminal-reporter.js';
import { VerdictReporter } from './verdict-reporter.js';

/**
 * `--reporter name[:path]` specs → reporters. File reporters without a path write to a default
 * name. A report that could not be written would only be found out after the whole run: its
 * directory is checked first, and a bad one is a usage error.
 */
export async function createReporters(specs: readonly ReporterSpec[], root: string, cwd: string, internalDirs: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ name: string; reporter: Reporter }[]> {
  const written: string[] = [];
  const file = async (spec: ReporterSpec, fallback: string, check = writablePath): Promise<string> => {
    const path = await check(spec, cwd, fallback);
    written.push(`${spec.name}: ${relative(cwd, path) || '.'}`);
    return path;
  };
  const reporters = await Promise.all(
    specs.map(async (spec): Promise<{ name: string; reporter: Reporter }> => {
      switch (spec.name) {
        case 'default':
          return { name: spec.name, reporter: new TerminalReporter({ root, internalDirs }) };
        case 'json':
          return { name: spec.name, reporter: new JsonReporter(await file(spec, 'ptest-report.json')) };
        case 'junit':
          return { name: spec.name, reporter: new JunitReporter(await file(spec, 'ptest-junit.xml')) };
        case 'markdown':
          return { name: spec.name, reporter: new MarkdownReporter(await file(spec, 'ptest-report.md'), env.GITHUB_STEP_SUMMARY || undefined) };
        case 'html':
          return { name: spec.name, reporter: new HtmlReporter(await file(spec, 'ptest-report.html'), { root, internalDirs }) };
        case 'blob':
          return { name: spec.name, reporter: new BlobReporter(await file(spec, 'ptest-blobs', writableDir)) };
        case 'github':
          return { name: spec.name, reporter: new GithubReporter({ root, cwd }) };
      }
    }),
  );
  // Without the terminal reporter a run would end in silence; Jest's --json still prints its summary
  const terminal = specs.some((spec) => spec.name === 'default');
  return terminal ? reporters : [...reporters, { name: 'verdict', reporter: new VerdictReporter(written) }];
}

async function writablePath(spec: ReporterSpec, cwd: string, fallback: string): Promise<string> {
  const path = resolve(cwd, spec.path ?? fallback);
  await checkWritable(dirname(path), spec, fallback);
  return path;
}

async function writableDir(spec: ReporterSpec, cwd: string, fallback: string): Promise<string> {
  const dir = resolve(cwd, spec.path ?? fallback);
  await checkWritable(dir, spec, fallback);
  return dir;
}

async function checkWritable(dir: string, spec: ReporterSpec, fallback: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--reporter ${spec.name}:${spec.path ?? fallback}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
