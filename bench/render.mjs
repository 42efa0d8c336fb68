// Re-renders the table of a recorded run (results/<date>.json) with the current ideal and report
// code, without timing anything again: `node bench/render.mjs results/<date>.json`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable, writeBetweenMarkers } from './report.mjs';
import { idealMs } from './scenarios.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/render.mjs <results json>');
const results = JSON.parse(readFileSync(file, 'utf8'));
for (const s of results.scenarios) {
  s.idealMs = idealMs(s, results.workers);
  for (const cell of Object.values(s.results)) {
    if (cell.medianMs != null && cell.ratio != null) cell.ratio = cell.medianMs / s.idealMs;
  }
}
const table = markdownTable(results);
if (!results.quick) writeBetweenMarkers(join(import.meta.dirname, 'RESULTS.md'), table);
console.log(table);
