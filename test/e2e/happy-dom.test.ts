import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

/**
 * fixtures/happy-dom, a Vitest suite under happy-dom (a fresh worker per file, as Vitest's
 * isolate): one file takes the environment from happy-dom's single-file copy, the other imports
 * happy-dom itself and must share the environment's instance of it.
 */
describe('happy-dom loads from its single-file copy (fixtures/happy-dom)', () => {
  it('for a file that does not import it, and from node_modules for one that does: all pass, from an empty cache and again', async () => {
    const dir = fixture('happy-dom');
    rmSync(join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
    for (const round of ['empty cache', 'warm']) {
      const { code, report } = await runCli(['-n', '2'], { cwd: dir });
      expect(report?.tests.filter((t) => t.status !== 'passed').map((t) => t.name), round).toEqual([]);
      expect(report?.summary, round).toMatchObject({ total: 3, passed: 3 });
      expect(code, round).toBe(0);
    }
  });
});
