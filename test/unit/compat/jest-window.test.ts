import { join } from 'node:path';
import { expect, it } from 'vitest';
import { installEnvironment } from '../../../src/compat/environment.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

it("gives a Jest suite's jsdom file no setImmediate, as Jest's jsdom environment has none, and puts it back after", async () => {
  const real = globalThis.setImmediate;
  const teardown = await installEnvironment('jsdom', { root: ROOT, withoutSetImmediate: true });
  try {
    expect(typeof globalThis.setImmediate).toBe('undefined');
    expect(typeof globalThis.clearImmediate).toBe('undefined');
    expect(typeof globalThis.setTimeout).toBe('function');
  } finally {
    await teardown();
  }
  expect(globalThis.setImmediate).toBe(real);
});

it('leaves setImmediate to a happy-dom file, and to jsdom without the option', async () => {
  for (const [name, options] of [['happy-dom', { withoutSetImmediate: true }], ['jsdom', {}]] as const) {
    const teardown = await installEnvironment(name, { root: ROOT, ...options });
    try {
      expect(typeof globalThis.setImmediate, name).toBe('function');
    } finally {
      await teardown();
    }
  }
});
