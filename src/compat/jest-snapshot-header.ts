import { readFileSync } from 'node:fs';

/**
 * Jest 28 and older headed every .snap file `// Jest Snapshot v1, https://goo.gl/fbAQLP`; the
 * jest-snapshot ptest runs (30) rejects that link as outdated, or rewrites the whole file for it
 * when it may write. Its reads go through a hook Jest itself provides (its native-fs symbol): here
 * the old link reads as the new one, so a Jest 27 suite's snapshots load as they are and a file is
 * written only when one of its snapshots changes. Must be in place before jest-snapshot loads.
 */
const READ_HOOK = Symbol.for('jest-native-read-file');
const OLD_HEADER = /^(\/\/ Jest Snapshot v1, )https:\/\/goo\.gl\/fbAQLP$/m;
const NEW_LINK = 'https://jestjs.io/docs/snapshot-testing';

export function acceptJest28SnapshotHeader(): void {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  if (holder[READ_HOOK]) return;
  holder[READ_HOOK] = (path: string, options: BufferEncoding) => {
    const text = readFileSync(path, options);
    return typeof text === 'string' && String(path).endsWith('.snap') ? text.replace(OLD_HEADER, `$1${NEW_LINK}`) : text;
  };
}
