import type { QuarantineEntry } from '../../quarantine/quarantine-model.js';
import type { RunReport } from '../run-report.js';
import { html, link, type Markup } from './markup.js';

/** The quarantine list as this run saw it: each entry with how its test did, and what needs a human. */
export function quarantineList(report: RunReport): Markup {
  const review = report.quarantine;
  if (!review) return html``;
  const status = new Map(report.tests.map((t) => [t.id, t.notRun ? 'not run' : t.status]));
  const expired = new Set(review.expired.map((e) => e.id));
  const stale = new Set(review.stale.map((e) => e.id));
  const added = new Set(review.added.map((e) => e.id));
  const entries = [...new Map([...review.entries, ...review.expired, ...review.stale, ...review.added].map((e) => [e.id, e])).values()].sort((a, b) => a.id.localeCompare(b.id));
  if (entries.length === 0) return html``;
  const flags = (e: QuarantineEntry) => [
    expired.has(e.id) ? html`<span class="badge failed">expired</span>` : '',
    stale.has(e.id) ? html`<span class="badge skipped">stale: test gone</span>` : '',
    added.has(e.id) ? html`<span class="badge new">added now</span>` : '',
  ];
  return html`<section id="quarantine"><h2>Quarantine (${entries.length})</h2>
<p class="note">From <code>${review.file}</code>; quarantined tests ${review.mode === 'skip' ? 'are skipped' : 'run, and their failures do not fail the run'}.</p>
<table><thead><tr><th>test</th><th>this run</th><th>reason</th><th>owner</th><th>ticket</th><th>added</th><th>expires</th></tr></thead><tbody>${entries.map(
    (e) => html`<tr><td>${e.id} ${flags(e)}</td><td>${status.has(e.id) ? html`<span class="badge ${status.get(e.id)!.replace(' ', '-')}">${status.get(e.id)}</span>` : ''}</td><td>${e.reason}</td><td>${e.owner}</td><td>${link(e.ticket, e.ticket)}</td><td>${e.added}</td><td>${e.expires}</td></tr>`,
  )}</tbody></table></section>`;
}
