import { stripVTControlCharacters } from 'node:util';

/**
 * The last lines the host process wrote to stderr, kept so that a crash report can say what the
 * process printed as it died (a fatal V8 error, an addon's assertion, the test's last words).
 */
const KEEP_LINES = 10;
const KEEP_CHARS = 4000;

export class StderrTail {
  private text = '';

  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-KEEP_CHARS);
  }

  /** whether V8 said the process ran out of heap */
  outOfMemory(): boolean {
    return this.text.includes('JavaScript heap out of memory');
  }

  /** the last non-empty lines, without colours */
  lines(): string[] {
    return stripVTControlCharacters(this.text).split('\n').map((l) => l.trimEnd()).filter((l) => l !== '').slice(-KEEP_LINES);
  }
}
