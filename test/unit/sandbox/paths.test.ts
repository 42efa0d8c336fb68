import fc from 'fast-check';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeName, testTmpdir } from '../../../src/sandbox/paths.js';
import { PORT_BASE, PORT_END, portBlock } from '../../../src/sandbox/ports.js';

describe('sandbox paths', () => {
  it('turns any test name into one harmless path segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
        const segment = safeName(name);
        expect(segment).toMatch(/^[A-Za-z0-9._-]{1,60}$/);
        expect(segment).not.toMatch(/^\.+$/);
        expect(dirname(join('/base', segment))).toBe('/base');
      }),
    );
    expect(safeName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeName('..')).toBe('_');
  });

  it('gives every attempt of every test its own directory under its worker', () => {
    const a = testTmpdir('/run', 2, 'suite > test', 0);
    const b = testTmpdir('/run', 2, 'suite > test', 0);
    expect(a).not.toBe(b);
    expect(dirname(a)).toBe('/run/tmp/w2');
    expect(a).toMatch(/\/suite_test-a0-[0-9a-f]{8}$/);
  });
});

describe('port blocks', () => {
  it('never overlap between the workers of a run and stay below the ephemeral range, however many workers', () => {
    for (const workers of [1, 2, 8, 127, 128, 500, 4096]) {
      const blocks = Array.from({ length: workers }, (_, slot) => portBlock(slot, workers));
      for (const [i, b] of blocks.entries()) {
        expect(b.base).toBeGreaterThanOrEqual(PORT_BASE);
        expect(b.base + b.count).toBeLessThanOrEqual(PORT_END);
        if (i > 0) expect(b.base).toBeGreaterThanOrEqual(blocks[i - 1]!.base + blocks[i - 1]!.count);
      }
    }
    expect(portBlock(3, 8)).toEqual({ base: 20_300, count: 100 });
  });
});
