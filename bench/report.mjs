// The Markdown table of a benchmark run, and writing it between the markers of RESULTS.md.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const DEFAULT_START = '<!-- bench:start -->';
const DEFAULT_END = '<!-- bench:end -->';

const secs = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

function cell(result) {
  if (!result || result.status === 'skipped') return '–';
  if (result.status === 'failed') return `**failed** (${result.error})`;
  return result.ratio == null ? `${secs(result.medianMs)} s` : `${secs(result.medianMs)} s (${result.ratio.toFixed(2)})`;
}

/** `results`: the object run.mjs writes to results/<date>.json. */
export function markdownTable(results) {
  const { machine, workers, runs, quick, runners } = results;
  const day = machine.date.slice(0, 10);
  const lines = [];
  lines.push(
    `Measured ${day}${quick ? ' (**--quick**: suites scaled down ten times, 1 run — a smoke test, not a result)' : ''} ` +
      `on ${machine.cpu}, ${machine.nproc} cores (nproc), ${machine.memoryGiB} GiB, ${machine.platform}; ` +
      `Node ${machine.node}; ptest ${machine.versions.ptest}${machine.commit ? ` (${machine.commit})` : ''}, ` +
      `Vitest ${machine.versions.vitest}, Jest ${machine.versions.jest}; **${workers} workers** for every runner; ` +
      `median of ${runs} timed run${runs === 1 ? '' : 's'} after one untimed warm-up run each.`,
    '',
  );
  const header = ['scenario', 'ideal', ...runners.map((r) => r.label)];
  lines.push(`| ${header.join(' | ')} |`);
  lines.push(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const s of results.scenarios) {
    const ideal = s.idealMs >= 100 ? `${secs(s.idealMs)} s` : '≈ 0';
    const row = [`${s.name}: ${s.description}`, ideal, ...runners.map((r) => cell(s.results[r.id]))];
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push(
    '',
    'Each cell: median wall time of the whole command, from spawn to exit, and in brackets `wall / ideal`. ' +
      `ideal = max(total test time / ${workers} workers, longest single test), for every scenario: the "CPU" ` +
      'busy loops stop at a wall-clock deadline, so on 2 cores they time-slice rather than queue. ' +
      'The trivial scenarios have an ideal of about 0, so they show wall time only: it is pure start-up and ' +
      'per-file overhead. All runners ran on the same generated suites in the same invocation, one at a time, ' +
      'with repetitions interleaved round-robin so drift on the machine affects all of them alike. ptest is ' +
      'measured on its second and later runs (the warm-up writes its duration history and bundle cache); ' +
      'Vitest, Jest and node --test got the same warm-up for their caches. Vitest uses its threads pool and ' +
      'default isolation; Jest runs with `transform: {}` and decides by itself to run in band when a suite has ' +
      'at most 20 files that all took under 1 s last time. Reproduce with `npm run bench`.',
  );
  return lines.join('\n');
}

/** Replaces what stands between the markers of `path` (creating it if needed) with `table`. */
export function writeBetweenMarkers(path, table, title = '# ptest benchmark results', name = '') {
  // a named block (`bench:<name>:start`) lets one file hold the results of several settings
  const [START, END] = name ? [`<!-- bench:${name}:start -->`, `<!-- bench:${name}:end -->`] : [DEFAULT_START, DEFAULT_END];
  const block = `${START}\n${table}\n${END}`;
  let text = existsSync(path) ? readFileSync(path, 'utf8') : `${title}\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  text = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, text);
}
