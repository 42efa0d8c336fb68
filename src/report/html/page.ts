import type { RunReport } from '../run-report.js';
import { shardBalance, shardBalanceText } from '../shard-balance.js';
import { isGreen, STOPPED_BY, verdictParts } from '../verdict.js';
import { html, Markup, seconds } from './markup.js';

/**
 * The document around the sections: one file with its style inline and no script at all. The
 * Content-Security-Policy says so to the browser too: the page loads nothing and runs nothing,
 * whatever a test name contains.
 */
export function page(report: RunReport, sections: Markup[]): string {
  const green = isGreen(report);
  const verdict = verdictParts(report.summary).map((p) => html`<span class="count ${p.count > 0 ? p.kind : ''}">${p.text}</span>`);
  const shards = shardBalance(report.shards);
  const stopped = report.stoppedBy ? html` · <strong>${STOPPED_BY[report.stoppedBy]}</strong>` : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${green ? 'passed' : 'failed'} · ptest report</title><style>${new Markup(STYLE)}</style></head>
<body><header class="${green ? 'green' : 'red'}"><h1>${green ? '✓' : '✗'} ptest: <span id="verdict">${joinWith(verdict, ', ')}</span></h1>
<p>${seconds(report.wallMs)} on ${report.workers} worker${report.workers === 1 ? '' : 's'} (${report.dist})${report.shard ? ` · shard ${report.shard.index}/${report.shard.total}` : ''}${report.repeat ? ` · every test ${report.repeat.count} times (--seed ${report.repeat.seed})` : ''} · started ${report.startedAt} · run <code>${report.runId}</code>${stopped}</p>${shards ? html`<p>${shardBalanceText(shards)}</p>` : ''}</header>
<main>${sections}</main></body></html>
`.value;
}

function joinWith(parts: Markup[], separator: string): Markup[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [html`${separator}`, part]));
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:14px 24px;color:#fff}header.green{background:#1a7f37}header.red{background:#cf222e}
header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.9}header code{color:#fff;background:rgba(255,255,255,.18)}
main{padding:8px 24px 40px;max-width:1200px}h2{margin:28px 0 8px;font-size:17px}h4{margin:0 0 6px;font-size:14px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}code{font:12px ui-monospace,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:8px;border-radius:6px;font:12px/1.4 ui-monospace,monospace;margin:4px 0}
pre.stack,pre.frame{color:#57606a}.failure{border-left:4px solid #cf222e;padding:6px 12px;margin:10px 0;background:#fff8f8}
details>summary{cursor:pointer;padding:3px 0}.dim,.note{color:#57606a}.note{margin:0 0 8px}
.badge{display:inline-block;font-size:11px;padding:0 6px;border-radius:10px;background:#eaeef2;color:#1f2328;white-space:nowrap}
.badge.failed,.badge.timedOut,.badge.crashed{background:#ffebe9;color:#a40e26}.badge.passed{background:#dafbe1;color:#116329}
.badge.flaky,.badge.new{background:#fff8c5;color:#7d4e00}.badge.quarantined{background:#fbefff;color:#6e40c9}
.count{font-weight:600}
svg.spark rect.pass{fill:#2da44e}svg.spark rect.fail{fill:#cf222e}svg.spark rect.flaky{fill:#d4a72c}svg.spark rect.skip{fill:#afb8c1}svg.spark line.edit{stroke:#6e7781;stroke-dasharray:2 2}
svg.timeline{border:1px solid #d0d7de;border-radius:6px;background:#fff}
svg.timeline .tick{stroke:#eaeef2}svg.timeline .axis{font-size:10px;fill:#57606a;text-anchor:middle}svg.timeline .label{font-size:11px;fill:#1f2328}
svg.timeline rect.unit{fill:#eaeef2;stroke:#afb8c1;stroke-width:.5}
svg.timeline rect.attempt{fill:#2da44e}svg.timeline rect.failed,svg.timeline rect.timedOut,svg.timeline rect.crashed{fill:#cf222e}
svg.timeline rect.skipped,svg.timeline rect.todo{fill:#afb8c1}
`;
