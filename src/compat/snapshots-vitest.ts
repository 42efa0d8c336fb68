import { equals, iterableEquality, subsetEquality } from '@jest/expect-utils';
import { SnapshotClient, stripSnapshotIndentation } from '@vitest/snapshot';
import { NodeSnapshotEnvironment } from '@vitest/snapshot/environment';
import type { MatcherContext } from 'expect';
import type { SnapshotFormat, SnapshotUpdate } from '../model/compat.js';
import { OWN_DIR } from '../runtime-paths.js';
import { inlineCallSite } from './inline-call-site.js';
import { saveMerged, type EngineState, type SnapshotData } from './snapshot-merge.js';

/**
 * Vitest-dialect snapshots through Vitest's own engine (@vitest/snapshot). A mismatch carries the
 * diff in its message, since ptest's reports print messages, not Vitest's expected/actual fields.
 */
/** Vitest's own header: the engine's default is a bare `// Snapshot v1` */
class VitestSnapshotEnvironment extends NodeSnapshotEnvironment {
  override getHeader(): string {
    return `// Vitest Snapshot v${this.getVersion()}, https://vitest.dev/guide/snapshot.html`;
  }
}

const client = new SnapshotClient({ isEqual: (received, expected) => equals(received, expected, [iterableEquality, subsetEquality]) });
let filepath: string | undefined;

export class VitestSnapshots {
  static async start(file: string, update: SnapshotUpdate, format: SnapshotFormat = {}): Promise<VitestSnapshots> {
    filepath = file;
    await client.setup(file, { updateSnapshot: update, snapshotEnvironment: new VitestSnapshotEnvironment(), snapshotFormat: { escapeString: false, printBasicPrototype: false, ...format } });
    return new VitestSnapshots(file);
  }

  private constructor(private readonly file: string) {}

  clearTest(name: string): void {
    client.clearTest(this.file, name);
  }

  keep(name: string): void {
    client.skipTest(this.file, name);
  }

  uncheckedKeys(): string[] {
    return client.getSnapshotState(this.file).getUncheckedKeys();
  }

  async finish() {
    // the engine saves inside finish(): its save goes through the merge with what other chunks wrote
    const state = client.getSnapshotState(this.file) as unknown as EngineState & { _initialData: SnapshotData; snapshotPath: string; save(): Promise<unknown> };
    const save = state.save.bind(state);
    state.save = () => saveMerged(this.file, state.snapshotPath, state, state._initialData, save);
    const result = await client.finish(this.file);
    filepath = undefined;
    return { added: result.added, updated: result.updated, matched: result.matched, unmatched: result.unmatched, obsolete: result.uncheckedKeys };
  }
}

type Context = MatcherContext & { currentTestName?: string };

function assert(context: Context, options: { received: unknown; isInline: boolean; properties?: object; inlineSnapshot?: string; hint?: string; error?: Error }) {
  if (!filepath) throw new Error('snapshots are only available while a test file runs');
  try {
    client.assert({
      received: options.received,
      filepath,
      name: context.currentTestName ?? '',
      isInline: options.isInline,
      ...(options.properties ? { properties: options.properties } : {}),
      // as Vitest's own matcher: the template literal's indentation is the source's, not the value's
      ...(options.inlineSnapshot !== undefined ? { inlineSnapshot: stripSnapshotIndentation(options.inlineSnapshot) } : {}),
      ...(options.hint ? { message: options.hint } : {}),
      ...(options.error ? { error: options.error } : {}),
    });
  } catch (error) {
    throw withDiff(context, error);
  }
  return { pass: true, message: () => '' };
}

function withDiff(context: Context, error: unknown): unknown {
  const e = error as Error & { expected?: string; actual?: string };
  if (typeof e.expected === 'string' && typeof e.actual === 'string') {
    e.message = `${e.message}\n\n${context.utils.diff(e.expected.trim(), e.actual.trim(), { aAnnotation: 'Snapshot', bAnnotation: 'Received' }) ?? ''}`;
  }
  return e;
}

/** Vitest's toMatchFileSnapshot: the whole file is the snapshot, a string as it is, else serialized */
async function assertFile(context: Context, received: unknown, file: string, hint: string | undefined) {
  if (!filepath) throw new Error('snapshots are only available while a test file runs');
  if (context.isNot) throw new Error('toMatchFileSnapshot cannot be used with "not"');
  try {
    await client.assertRaw({ received, filepath, name: context.currentTestName ?? '', isInline: false, rawSnapshot: { file }, ...(hint ? { message: hint } : {}) });
  } catch (error) {
    throw withDiff(context, error);
  }
  return { pass: true, message: () => '' };
}

function thrown(received: unknown, fromPromise: boolean): unknown {
  if (fromPromise) return received;
  try {
    (received as () => unknown)();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw an error, but it did not');
}

/**
 * Where an inline snapshot is written: the test file's frame. @vitest/snapshot finds it after a
 * frame named __INLINE_SNAPSHOT_OFFSET_1__ (its own convention), which is put in front of the
 * first frame that is neither ptest's nor Node's.
 */
function callSite(): Error {
  const error = new Error('snapshot');
  error.stack = `Error: snapshot\n    at __INLINE_SNAPSHOT_OFFSET_1__ (${OWN_DIR}/inline.js:1:1)\n${inlineCallSite() ?? ''}`;
  return error;
}

const hintAndProps = (a: unknown, b: unknown) => (typeof a === 'string' ? { hint: a } : { properties: a as object | undefined, hint: b as string | undefined });

export const vitestSnapshotMatchers: Record<string, (this: Context, ...args: any[]) => unknown> = {
  toMatchSnapshot(this: Context, received: unknown, propertiesOrHint?: unknown, hint?: unknown) {
    return assert(this, { received, isInline: false, ...strip(hintAndProps(propertiesOrHint, hint)) });
  },
  toMatchInlineSnapshot(this: Context, received: unknown, propertiesOrSnapshot?: unknown, snapshotOrHint?: unknown, hint?: unknown) {
    const withProps = typeof propertiesOrSnapshot === 'object';
    const inlineSnapshot = (withProps ? snapshotOrHint : propertiesOrSnapshot) as string | undefined;
    return assert(this, { received, isInline: true, error: callSite(), ...strip({ properties: withProps ? (propertiesOrSnapshot as object) : undefined, inlineSnapshot, hint: (withProps ? hint : snapshotOrHint) as string | undefined }) });
  },
  toMatchFileSnapshot(this: Context, received: unknown, file: string, hint?: string) {
    return assertFile(this, received, file, hint);
  },
  toThrowErrorMatchingSnapshot(this: Context, received: unknown, hint?: string) {
    return assert(this, { received: thrown(received, Boolean(this.promise)), isInline: false, ...strip({ hint }) });
  },
  toThrowErrorMatchingInlineSnapshot(this: Context, received: unknown, inlineSnapshot?: string, hint?: string) {
    return assert(this, { received: thrown(received, Boolean(this.promise)), isInline: true, error: callSite(), ...strip({ inlineSnapshot, hint }) });
  },
};

function strip<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
