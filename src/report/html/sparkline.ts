import { FILE_CHANGED } from '../../history/history-model.js';
import { html, type Markup } from './markup.js';

/**
 * A test's recent outcomes as a strip of small bars, oldest first: passed low and green, failed
 * tall and red, flaky tall and amber, skipped grey; a gap where the test file was edited (outcomes
 * on either side of it are not compared by the flip rate).
 */
const BAR = 5;
const GAP = 2;
const STYLE: Record<string, { cls: string; height: number; label: string }> = {
  p: { cls: 'pass', height: 6, label: 'passed' },
  f: { cls: 'fail', height: 14, label: 'failed' },
  k: { cls: 'flaky', height: 14, label: 'flaky' },
  s: { cls: 'skip', height: 4, label: 'skipped' },
};

export function sparkline(outcomes: string): Markup {
  const bars: Markup[] = [];
  let x = 0;
  for (const code of outcomes) {
    if (code === FILE_CHANGED) {
      bars.push(html`<line class="edit" x1="${x + 1}" x2="${x + 1}" y1="0" y2="16"><title>test file edited</title></line>`);
      x += BAR;
      continue;
    }
    const style = STYLE[code];
    if (!style) continue;
    bars.push(html`<rect class="${style.cls}" x="${x}" y="${16 - style.height}" width="${BAR}" height="${style.height}"><title>${style.label}</title></rect>`);
    x += BAR + GAP;
  }
  const summary = [...outcomes].map((c) => STYLE[c]?.label ?? 'edit').join(', ');
  return html`<svg class="spark" width="${Math.max(x, 1)}" height="16" viewBox="0 0 ${Math.max(x, 1)} 16" role="img" aria-label="${`recent runs, oldest first: ${summary}`}">${bars}</svg>`;
}
