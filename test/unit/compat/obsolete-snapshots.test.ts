import { describe, expect, it } from 'vitest';
import { obsoleteFail, obsoleteMessage } from '../../../src/compat/obsolete-snapshots.js';

describe('obsolete snapshots fail the run as the suite runner decides', () => {
  it.each([
    ['a Jest suite, on CI', 'jest', 'none', undefined, 'as in Jest'],
    ['a Jest suite, off CI', 'jest', 'new', undefined, 'as in Jest'],
    ['a Vitest 4 suite, on CI', 'vitest', 'none', 4, 'on CI, as in Vitest 4'],
    ['a Vitest suite without Vitest installed, on CI (the newest Vitest)', 'vitest', 'none', undefined, 'on CI, as in Vitest 4'],
    ['a Vitest 4 suite, off CI', 'vitest', 'new', 4, undefined],
    ['a Vitest 3 suite, on CI', 'vitest', 'none', 3, undefined],
    ["ptest's own suite, on CI", null, 'none', undefined, 'on CI'],
    ["ptest's own suite, off CI", null, 'new', undefined, undefined],
    ['any suite under -u, which removed them', 'jest', 'all', undefined, undefined],
  ] as const)('%s', (_, dialect, update, vitestMajor, why) => {
    expect(obsoleteFail(dialect, update, vitestMajor)).toBe(why);
  });

  it('names them on one line, and how to remove them', () => {
    expect(obsoleteMessage(['gone 1'], 'as in Jest')).toBe('obsolete snapshot "gone 1" fails the run as in Jest; -u removes it');
    expect(obsoleteMessage(['a 1', 'b > c 2'], 'on CI')).toBe('2 obsolete snapshots fail the run on CI; -u removes them: "a 1", "b > c 2"');
  });
});
