import type { RunReport, TestRecord } from '../run-report.js';
import { html, type Markup } from './markup.js';
import { sparkline } from './sparkline.js';

/**
 * Tests that were flaky in this run, or have flipped over their recent history, most flaky first:
 * the flip rate, the runs it counts, what caused this run's flake and the recent outcomes.
 */
export function flakyTable(report: RunReport): Markup {
  const rows = report.tests.filter((t) => t.status === 'flaky' || (t.flakiness?.score ?? 0) > 0).sort(byScore);
  if (rows.length === 0) return html``;
  return html`<section id="flaky"><h2>Flaky tests (${rows.length})</h2>
<table><thead><tr><th>test</th><th>this run</th><th>cause</th><th class="num">flip rate</th><th class="num">flaky runs</th><th>recent runs (oldest first)</th></tr></thead>
<tbody>${rows.map(row)}</tbody></table></section>`;
}

function row(test: TestRecord): Markup {
  const f = test.flakiness;
  const isNew = test.status === 'flaky' && (!f || f.flakyRuns <= 1);
  return html`<tr><td>${test.id}${isNew ? html` <span class="badge new">new</span>` : ''}${test.quarantined ? html` <span class="badge quarantined">quarantined</span>` : ''}</td>
<td><span class="badge ${test.status}">${test.status}</span>${test.repeat ? html` <span class="dim">passed ${test.repeat.passed} of ${test.repeat.runs} repetitions</span>` : ''}</td><td>${test.flakeCause ?? ''}</td>
<td class="num">${f ? `${Math.round(f.score * 100)}%` : ''}</td><td class="num">${f ? `${f.flakyRuns} of ${f.runs}` : ''}</td>
<td>${f ? sparkline(f.outcomes) : ''}</td></tr>`;
}

function byScore(a: TestRecord, b: TestRecord): number {
  return (b.flakiness?.score ?? 0) - (a.flakiness?.score ?? 0) || a.id.localeCompare(b.id);
}
