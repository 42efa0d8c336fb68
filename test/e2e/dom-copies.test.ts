import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/**
 * fixtures/dom-copies, a Vitest suite (a fresh worker per file, as Vitest's isolate): one file
 * takes its happy-dom environment from the package's single-file copy, one imports happy-dom itself
 * and must share the environment's instance of it, and one snapshots a node of jsdom's copy.
 */
describe('DOM environments load from single-file copies (fixtures/dom-copies)', () => {
  it('for a file that does not import it, and from node_modules for one that does: all pass, from an empty cache and again', async () => {
    const dir = fixture('dom-copies');
    rmSync(join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
    for (const round of ['empty cache', 'warm']) {
      const { code, report } = await runCli(['-n', '2'], { cwd: dir });
      expect(report?.tests.filter((t) => t.status !== 'passed').map((t) => t.name), round).toEqual([]);
      expect(report?.summary, round).toMatchObject({ total: 5, passed: 5 });
      expect(code, round).toBe(0);
    }
  });
});
