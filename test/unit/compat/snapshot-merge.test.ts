import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSnapshots, readStoredSnapshots } from '../../../src/compat/snapshot-merge.js';

describe('mergeSnapshots: one chunk of a split file saving after others did', () => {
  it("keeps what other chunks wrote since this one began, and puts this chunk's own writes and removals on top", () => {
    const initial = { 'a 1': 'A', 'b 1': 'B', 'old 1': 'O' };
    // this chunk added c, updated a and removed the obsolete entry (-u)
    const ours = { 'a 1': 'A2', 'b 1': 'B', 'c 1': 'C' };
    // meanwhile another chunk added d and updated b, and left the obsolete entry for this one to drop
    const disk = { 'a 1': 'A', 'b 1': 'B2', 'd 1': 'D', 'old 1': 'O' };
    expect(mergeSnapshots(initial, ours, disk)).toEqual({ 'a 1': 'A2', 'b 1': 'B2', 'c 1': 'C', 'd 1': 'D' });
  });

  it('is what this chunk has when no other wrote anything', () => {
    const initial = { 'a 1': 'A' };
    const ours = { 'a 1': 'A', 'b 1': 'B' };
    expect(mergeSnapshots(initial, ours, initial)).toEqual(ours);
  });
});

describe('readStoredSnapshots', () => {
  it('reads a .snap file as the engines do, and a missing one as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-snap-'));
    const path = join(dir, 'x.test.ts.snap');
    writeFileSync(path, '// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n\nexports[`adds 1`] = `3`;\n\nexports[`says \\`hi\\` 1`] = `"hi"`;\n');
    expect(readStoredSnapshots(path)).toEqual({ 'adds 1': '3', 'says `hi` 1': '"hi"' });
    expect(readStoredSnapshots(join(dir, 'none.snap'))).toEqual({});
  });
});
