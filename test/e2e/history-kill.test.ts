import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveRun } from '../../src/history/history-store.js';
import { isHistory } from '../../src/history/history-model.js';

/**
 * Many processes save runs into one history file while some are killed (SIGKILL) at random
 * moments, holding the lock or halfway through a write. At every moment the file must be a valid
 * history, and every save a writer reported finished must be in the final file.
 */
const WRITER = join(import.meta.dirname, '..', 'helpers', 'history-writer.mjs');
const WRITERS = 6;
const KILLS = 25;

describe('the history file under concurrent writers killed at any moment', () => {
  it('is always valid and loses no finished save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptest-kill-'));
    const path = join(dir, 'history.json');
    const saved = new Set<string>();
    const live = new Set<ChildProcess>();
    const exits: Promise<unknown>[] = [];
    let names = 0;
    const start = (): void => {
      const child = spawn(process.execPath, [WRITER, path, `w${names++}`], { stdio: ['ignore', 'pipe', 'inherit'] });
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
        if (!isHistory(JSON.parse(text))) invalid.push(text.slice(0, 80));
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
    let warned = '';
    await saveRun(path, { tests: [{ id: 'last', file: 'f.test.ts', outcome: 'p', durationMs: 1 }], wholeFiles: [] }, (line) => (warned = line));
    expect(warned).toBe('');
    const final = JSON.parse(readFileSync(path, 'utf8'));
    expect(isHistory(final)).toBe(true);
    expect(invalid).toEqual([]);
    expect(saved.size).toBeGreaterThan(WRITERS);
    const lost = [...saved].filter((id) => !final.tests[id]);
    expect(lost).toEqual([]);
    expect(final.tests.last).toBeDefined();
    // nothing but the history and (at most) temp files and lock claims of writers killed mid-way
    expect(readdirSync(dir).filter((f) => f !== 'history.json' && !f.endsWith('.tmp') && !f.endsWith('.claim'))).toEqual([]);
  }, 60_000);
});
