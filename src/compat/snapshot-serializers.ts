import { perThread } from './per-thread.js';

/**
 * `expect.addSnapshotSerializer`: a pretty-format plugin for the file's snapshots. Both snapshot
 * engines (jest-snapshot, @vitest/snapshot) keep their plugins in a module-level list, and either
 * may not be loaded yet when the file adds one; each engine the file uses gets the file's plugins
 * when it first takes a snapshot. The lists are put back after the file, which under Jest (a fresh
 * module registry) and Vitest (a fresh module graph) would not carry them to the next one.
 */
export interface SnapshotSerializer {
  test(value: unknown): boolean;
  serialize?(...args: unknown[]): string;
  print?(...args: unknown[]): string;
}

/** what each engine exports for its plugins; getSerializers returns the live list */
interface SerializerEngine {
  addSerializer(serializer: SnapshotSerializer): void;
  getSerializers(): unknown[];
}

const state = perThread('snapshot-serializers', () => ({ added: [] as SnapshotSerializer[], engines: new Map<SerializerEngine, unknown[]>() }));

export function addSnapshotSerializer(serializer: SnapshotSerializer): void {
  if (typeof serializer?.test !== 'function' || (typeof serializer.serialize !== 'function' && typeof serializer.print !== 'function')) {
    throw new TypeError('expect.addSnapshotSerializer: a serializer needs a test() function and a serialize() or print() function');
  }
  state.added.push(serializer);
  for (const engine of state.engines.keys()) engine.addSerializer(serializer);
}

/** an engine about to take the file's snapshots: it gets the file's serializers, in the order added */
export function useSerializerEngine(engine: SerializerEngine): void {
  if (state.engines.has(engine)) return;
  state.engines.set(engine, [...engine.getSerializers()]);
  for (const serializer of state.added) engine.addSerializer(serializer);
}

/** Before a file: returns what puts every engine's list back as it is now, after it. */
export function recordSnapshotSerializers(): () => void {
  return () => {
    for (const [engine, before] of state.engines) {
      // addSerializer replaces the list; the engine reads whichever list is current, in place
      const list = engine.getSerializers();
      list.splice(0, list.length, ...before);
    }
    state.engines.clear();
    state.added = [];
  };
}
