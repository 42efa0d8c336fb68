import { afterEach, describe, expect, it } from 'vitest';
import { addSnapshotSerializer, recordSnapshotSerializers, useSerializerEngine } from '../../../src/compat/snapshot-serializers.js';

/** A file's serializers: which engine gets them, when, and that the next file starts without them. */
function fakeEngine(builtIn: string[]) {
  // as jest-snapshot and @vitest/snapshot keep them: addSerializer replaces the list with a longer one
  let plugins: unknown[] = [...builtIn];
  return { addSerializer: (s: unknown) => void (plugins = [s, ...plugins]), getSerializers: () => plugins };
}
const serializer = (name: string) => ({ test: () => false, serialize: () => name });

let undo = recordSnapshotSerializers();
afterEach(() => {
  undo();
  undo = recordSnapshotSerializers();
});

describe('snapshot serializers', () => {
  it('gives an engine loaded later the serializers added before, latest first', () => {
    const [a, b] = [serializer('a'), serializer('b')];
    addSnapshotSerializer(a);
    addSnapshotSerializer(b);
    const engine = fakeEngine(['react']);
    useSerializerEngine(engine);
    expect(engine.getSerializers()).toEqual([b, a, 'react']);
  });

  it('adds to an engine already in use at once', () => {
    const engine = fakeEngine(['react']);
    useSerializerEngine(engine);
    const a = serializer('a');
    addSnapshotSerializer(a);
    expect(engine.getSerializers()).toEqual([a, 'react']);
  });

  it("puts the engine's list back after the file, and the next file's engine gets none of them", () => {
    const engine = fakeEngine(['react']);
    useSerializerEngine(engine);
    addSnapshotSerializer(serializer('a'));
    undo();
    undo = recordSnapshotSerializers();
    expect(engine.getSerializers()).toEqual(['react']);
    const later = fakeEngine([]);
    useSerializerEngine(later);
    expect(later.getSerializers()).toEqual([]);
  });

  it('refuses a serializer without test() and serialize() or print(), saying what is missing', () => {
    expect(() => addSnapshotSerializer({ test: () => true } as never)).toThrow('expect.addSnapshotSerializer: a serializer needs a test() function and a serialize() or print() function');
  });
});
