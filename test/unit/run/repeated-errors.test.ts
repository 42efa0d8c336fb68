import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/model/events.js';
import { errorsOnce } from '../../../src/run/repeated-errors.js';

const error = (file: string | null, kind: 'import' | 'collect' | 'uncaught', message: string): RunEvent => ({ type: 'error', error: { file, kind, message } });

describe('errorsOnce', () => {
  it("reports a file's import or collect error once, however many chunks of the file hit it", () => {
    const seen: RunEvent[] = [];
    const emit = errorsOnce((event) => seen.push(event));
    for (let chunk = 0; chunk < 3; chunk++) emit(error('big.test.ts', 'import', 'Cannot find module ./gone'));
    emit(error('big.test.ts', 'collect', 'describe callbacks must be synchronous'));
    emit(error('big.test.ts', 'collect', 'describe callbacks must be synchronous'));
    expect(seen).toEqual([error('big.test.ts', 'import', 'Cannot find module ./gone'), error('big.test.ts', 'collect', 'describe callbacks must be synchronous')]);
  });

  it('still reports errors that differ, and every error of another kind or outside a file', () => {
    const seen: RunEvent[] = [];
    const emit = errorsOnce((event) => seen.push(event));
    const events = [
      error('a.test.ts', 'import', 'boom'),
      error('b.test.ts', 'import', 'boom'),
      error('a.test.ts', 'import', 'another boom'),
      error('a.test.ts', 'uncaught', 'late'),
      error('a.test.ts', 'uncaught', 'late'),
      error(null, 'import', 'setup'),
      error(null, 'import', 'setup'),
    ];
    for (const event of events) emit(event);
    expect(seen).toEqual(events);
  });
});
