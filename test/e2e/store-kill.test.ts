import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveRun } from '../../src/history/history-store.js';
import { isHistory } from '../../src/history/history-model.js';
import { parseQuarantine } from '../../src/quarantine/quarantine-model.js';
import { updateQuarantine } from '../../src/quarantine/quarantine-store.js';

/**
 * Many processes save into one history (or quarantine) file while some are killed (SIGKILL) at
 * random moments, holding the lock or halfway through a write. At every moment the file must be
 * valid, and every save a writer reported finished must be in the final file.
 */
const WRITER = join(import.meta.dirname, '..', 'helpers', 'store-writer.mjs');
const WRITERS = 6;
const KILLS = 25;

interface Store {
  kind: 'history' | 'quarantine';
  file: string;
  isValid: (value: unknown) => boolean;
  ids: (value: unknown) => Set<string>;
  /** one save from this process, reporting any warning */
  saveOne: (path: string, id: string) => Promise<string>;
}
const STORES: Store[] = [
  {
    kind: 'history',
    file: 'history.json',
    isValid: isHistory,
    ids: (value) => new Set(Object.keys((value as { tests: object }).tests)),
    saveOne: async (path, id) => {
      let warned = '';
      await saveRun(path, { tests: [{ id, file: 'f.test.ts', outcome: 'p', durationMs: 1 }], wholeFiles: [] }, (line) => (warned = line));
      return warned;
    },
  },
  {
    kind: 'quarantine',
    file: 'ptest.quarantine.json',
    isValid: (value) => typeof parseQuarantine(value) !== 'string',
    ids: (value) => new Set((value as { tests: { id: string }[] }).tests.map((e) => e.id)),
    saveOne: async (path, id) => (await updateQuarantine(path, [{ id, reason: 'last', added: '2026-11-23' }], []), ''),
  },
];

describe.each(STORES)('the $kind file under concurrent writers killed at any moment', (store) => {
  it('is always valid and loses no finished save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-kill-'));
    const path = join(dir, store.file);
    const saved = new Set<string>();
    const live = new Set<ChildProcess>();
    const exits: Promise<unknown>[] = [];
    let names = 0;
    const start = (): void => {
      const child = spawn(process.execPath, [WRITER, store.kind, path, `w${names++}`], { stdio: ['ignore', 'pipe', 'inherit'] });
      let buffered = '';
      child.stdout!.on('data', (chunk) => {
        buffered += String(chunk);
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) saved.add(line.replace(/^saved /, ''));
      });
      exits.push(new Promise((resolve) => child.on('close', resolve)));
      live.add(child);
    };
    const invalid: string[] = [];
    const check = (): void => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return; // not written yet
      }
      try {
        if (!store.isValid(JSON.parse(text))) invalid.push(text.slice(0, 80));
      } catch {
        invalid.push(text.slice(0, 80));
      }
    };

    for (let i = 0; i < WRITERS; i++) start();
    const reader = setInterval(check, 2);
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 80));
      const victim = [...live][Math.floor(Math.random() * live.size)]!;
      live.delete(victim);
      victim.kill('SIGKILL');
      start();
    }
    for (const child of live) child.kill('SIGKILL');
    await Promise.all(exits);
    clearInterval(reader);
    check();

    // A lock left by a killed holder does not block the next writer.
    expect(await store.saveOne(path, 'last')).toBe('');
    const final: unknown = JSON.parse(readFileSync(path, 'utf8'));
    expect(store.isValid(final)).toBe(true);
    expect(invalid).toEqual([]);
    expect(saved.size).toBeGreaterThan(WRITERS);
    const ids = store.ids(final);
    expect([...saved].filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.has('last')).toBe(true);
    // nothing but the file and (at most) temp files and lock claims of writers killed mid-way
    expect(readdirSync(dir).filter((f) => f !== store.file && !f.endsWith('.tmp') && !f.endsWith('.claim'))).toEqual([]);
  }, 60_000);
});
