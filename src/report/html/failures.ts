import { relative } from 'node:path';
import { isFailure } from '../../model/outcome.js';
import type { TestError } from '../../model/results.js';
import { userFrames } from '../../model/stack-frames.js';
import { codeFrame } from '../code-frame.js';
import type { RunReport, TestRecord } from '../run-report.js';
import { html, seconds, type Markup } from './markup.js';

/** Where the report's paths are relative to, and which stack frames are ptest's own. */
export interface SourceView {
  root: string;
  internalDirs: readonly string[];
}

/**
 * The failures first, each attempt's error as the terminal shows it (message, the source lines,
 * the user's frames of the stack); then errors outside tests.
 */
export function failures(report: RunReport, view: SourceView): Markup {
  const failed = report.tests.filter((t) => isFailure(t.status) && !t.quarantined);
  if (failed.length === 0 && report.errors.length === 0) return html``;
  return html`<section id="failures"><h2>Failures (${failed.length})</h2>${failed.map((t) => failure(t, view))}
${report.errors.length > 0 ? html`<h3>Errors outside tests (${report.errors.length})</h3>${report.errors.map((e) => html`<div class="failure"><h4>${e.file ?? '(run)'} <span class="badge failed">${e.kind} error</span></h4><pre>${e.message}</pre></div>`)}` : ''}</section>`;
}

function failure(test: TestRecord, view: SourceView): Markup {
  const attempts = test.attempts.length;
  return html`<div class="failure"><h4>${test.id} <span class="badge ${test.status}">${test.status}</span>${attempts > 1 ? html` <span class="dim">all ${attempts} attempts</span>` : ''}</h4>
${test.attempts.map((a, i) => {
    if (!a.error) return '';
    const where = a.error.location ? `${relative(view.root, a.error.location.file)}:${a.error.location.line}` : '';
    return html`<details${i === attempts - 1 ? html` open` : ''}><summary>${attempts > 1 ? `attempt ${i + 1} · ` : ''}${a.status} after ${seconds(a.durationMs)} on worker ${a.worker}${where ? html` · <code>${where}</code>` : ''}</summary>${errorBody(a.error, view)}</details>`;
  })}</div>`;
}

function errorBody(error: TestError, view: SourceView): Markup {
  const frame = error.location ? codeFrame(error.location, false) : undefined;
  const frames = userFrames(error.stack, view.internalDirs).map((line) => line.trim());
  return html`<pre>${error.message}</pre>${frame ? html`<pre class="frame">${frame}</pre>` : ''}${frames.length > 0 ? html`<pre class="stack">${frames.join('\n')}</pre>` : ''}`;
}

/** Every test, by file, folded: what ran where, for how long. */
export function allTests(report: RunReport): Markup {
  const byFile = new Map<string, TestRecord[]>();
  for (const t of report.tests) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
  return html`<section id="tests"><h2>All tests (${report.tests.length})</h2>${[...byFile].map(
    ([file, tests]) => html`<details><summary><code>${file}</code> <span class="dim">${tests.length} test${tests.length === 1 ? '' : 's'} · ${seconds(tests.reduce((s, t) => s + t.durationMs, 0))}</span>${tests.some((t) => isFailure(t.status) && !t.quarantined) ? html` <span class="badge failed">failed</span>` : ''}</summary>
<table><tbody>${tests.map((t) => html`<tr><td><span class="badge ${t.notRun ? 'skipped' : t.status}">${t.notRun ? 'not run' : t.status}</span>${t.quarantined ? html` <span class="badge quarantined">quarantined</span>` : ''}</td><td>${t.name}</td><td class="num">${seconds(t.durationMs)}</td><td class="num">w${t.worker}</td></tr>`)}</tbody></table></details>`,
  )}</section>`;
}
