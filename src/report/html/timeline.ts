import type { RunReport } from '../run-report.js';
import { html, seconds, type Markup } from './markup.js';

/**
 * Each worker's row of units (the files it ran, pale) with the test attempts inside them
 * (coloured by status): the picture that shows why a run took as long as it did — a long tail on
 * one worker, idle gaps, a file that could not be split.
 */
const WIDTH = 1100;
const LABEL = 84;
const ROW = 26;
const AXIS = 22;

export function timeline(report: RunReport): Markup {
  const endMs = Math.max(report.wallMs, ...report.timeline.map((u) => u.endMs), 1);
  const plot = WIDTH - LABEL - 12;
  const x = (ms: number): number => LABEL + (Math.max(0, ms) / endMs) * plot;
  const w = (ms: number): number => Math.max(1, (ms / endMs) * plot);
  const workers = [...new Set([...Array.from({ length: report.workers }, (_, i) => i), ...report.timeline.map((u) => u.worker)])].sort((a, b) => a - b);
  const rowOf = new Map(workers.map((worker, row) => [worker, AXIS + row * ROW]));
  const height = AXIS + workers.length * ROW + 4;
  const ticks = tickTimes(endMs).map(
    (ms) => html`<line class="tick" x1="${x(ms)}" x2="${x(ms)}" y1="${AXIS - 4}" y2="${height}"></line><text class="axis" x="${x(ms)}" y="${AXIS - 8}">${seconds(ms)}</text>`,
  );
  const statOf = new Map(report.workerStats.map((w) => [w.id, w]));
  const labels = workers.map((worker) => {
    const label = labelOf(worker, statOf.get(worker));
    // a long job id is cut to fit the label column, whole in the row's tooltip
    const shown = label.length <= 13 ? label : html`${label.slice(0, 12)}…<title>${label}</title>`;
    return html`<text class="label" x="4" y="${rowOf.get(worker)! + ROW / 2 + 4}">${shown}</text>`;
  });
  const units = report.timeline.map(
    (u) => html`<rect class="unit" x="${x(u.startMs)}" y="${rowOf.get(u.worker)! + 2}" width="${w(u.endMs - u.startMs)}" height="${ROW - 4}"><title>${`${u.file} · ${seconds(u.endMs - u.startMs)}`}</title></rect>`,
  );
  const attempts = report.tests.flatMap((t) =>
    t.attempts.map(
      (a, i) => html`<rect class="attempt ${a.status}" data-test="${t.id}" x="${x(a.startMs)}" y="${(rowOf.get(a.worker) ?? AXIS) + 6}" width="${w(a.durationMs)}" height="${ROW - 12}"><title>${`${t.id}${t.attempts.length > 1 ? ` (attempt ${i + 1})` : ''} · ${a.status} · ${seconds(a.durationMs)}`}</title></rect>`,
    ),
  );
  const { makespanMs, idealMs, ratio } = report.balance;
  return html`<section id="timeline"><h2>Workers</h2>
<p class="note">Makespan ${seconds(makespanMs)}, ideal ${seconds(idealMs)} (${ratio.toFixed(2)} × ideal). Pale boxes are units (a file or part of one), coloured bars the tests in them.</p>
<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="timeline of ${workers.length} workers">${ticks}${labels}${units}${attempts}</svg></section>`;
}

/** a row's name: its worker, and in merged reports its shard or its --queue job */
function labelOf(worker: number, stat: { shard?: number; job?: string } | undefined): string {
  if (stat?.job !== undefined) return `${stat.job} · w${worker}`;
  if (stat?.shard !== undefined) return `s${stat.shard} · w${worker}`;
  return `worker ${worker}`;
}

/** about six round tick times across the run */
function tickTimes(endMs: number): number[] {
  const raw = endMs / 6;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let ms = 0; ms <= endMs; ms += step) ticks.push(ms);
  return ticks;
}
