/**
 * A dataset summary as one self-contained HTML page (no scripts, no external files): the filter and
 * thresholds, the totals, the groups side by side, a histogram of the answers' mean logprob per
 * group as inline SVG bars (each bar's count in its <title>), the lowest-confidence critical facts
 * and the disclaimer. Light and dark themes follow prefers-color-scheme. All text is escaped.
 */
import { formatMeanLogprob } from '../gating/formatMeanLogprob.js';
import { escapeHtml } from '../render/escapeHtml.js';
import { formatProbability } from '../render/formatProbability.js';
import { DISCLAIMER } from '../render/legend.js';
import type { DatasetGroupStats, DatasetSummary } from '../runs/Dataset.js';
import {
  binRange,
  describeFilter,
  describeThresholds,
  describeTimeRange,
  formatCount,
  formatRate,
  groupByName,
  SUMMARY_ROWS,
  summaryColumns,
} from './datasetSummaryTable.js';

export interface DatasetSummaryHtmlOptions {
  /** The page's title (default: "Dataset summary: NAME", or "Run history summary"). */
  title?: string;
}

const STYLE = `:root{color-scheme:light dark;--bg:#fdfdfc;--fg:#1d1f21;--muted:#5c6166;--line:#d8dadd;--panel:#f3f4f5;--bar:#3b73b9;--mark:#b0128a}
@media (prefers-color-scheme:dark){:root{--bg:#16181b;--fg:#e4e6e8;--muted:#9aa1a8;--line:#33373c;--panel:#1f2226;--bar:#6fa3e6;--mark:#f07ad6}}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1100px;margin:0 auto;padding:20px 24px 60px}
h1{font-size:1.35rem;margin:0 0 4px}h2{font-size:1.05rem;margin:28px 0 8px}
.meta{color:var(--muted);font-size:.88rem;margin:0}.stats+.meta{margin-top:6px}
.disclaimer{margin:12px 0 0;padding:8px 12px;border-left:4px solid var(--mark);background:var(--panel);font-weight:600}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px}
.stat{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 10px}
.stat b{display:block;font-size:1.05rem}.stat span{color:var(--muted);font-size:.8rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.86rem}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.hists{display:flex;flex-wrap:wrap;gap:12px}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 8px}
figcaption{font-size:.85rem;font-weight:600;max-width:320px;overflow-wrap:anywhere}
svg text{fill:var(--muted);font:11px ui-monospace,Menlo,Consolas,monospace}
svg .bar{fill:var(--bar)}svg .axis{stroke:var(--line)}`;

export function renderDatasetSummaryHtml(
  summary: DatasetSummary,
  options: DatasetSummaryHtmlOptions = {},
): string {
  const { query, total } = summary;
  const title =
    options.title ??
    (query.dataset === undefined ? 'Run history summary' : `Dataset summary: ${query.dataset}`);
  const grouped = query.groupBy !== 'none';
  const sections: string[] = [];
  if (total.answers === 0) {
    sections.push('<p>No runs match this filter.</p>');
  } else {
    sections.push('<h2>Totals</h2>', totals(total));
    if (grouped) {
      sections.push(
        `<h2>By ${escapeHtml(groupByName(query.groupBy))} (${formatCount(summary.groups.length)} groups)</h2>`,
        groupsTable(summary),
      );
    }
    sections.push(
      '<h2>Mean logprob per answer</h2>',
      `<div class="hists">\n${summaryColumns(summary)
        .map((c) => histogramSvg(c.stats, c.label))
        .join('\n')}\n</div>`,
    );
    if (summary.lowConfidenceFacts.length > 0) {
      sections.push('<h2>Lowest-confidence critical facts</h2>', factsTable(summary));
    }
    if (query.dataset !== undefined) {
      sections.push(
        `<p>Failed batch rows: ${formatCount(summary.failedRows)}${summary.failedRows === 0 ? '' : ' (no run stored for them; not in these figures)'}.</p>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Filter: ${escapeHtml(describeFilter(query))}${grouped ? `; grouped by ${escapeHtml(groupByName(query.groupBy))}` : ''}.</p>
<p class="meta">Gate: ${escapeHtml(describeThresholds(summary))}.</p>
<p class="disclaimer">${escapeHtml(DISCLAIMER)}</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

function stat(value: string, label: string): string {
  return `<div class="stat"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

function totals(s: DatasetGroupStats): string {
  const p = s.percentiles;
  const range = describeTimeRange(s);
  const items = [
    stat(formatCount(s.answers), 'answers'),
    stat(formatCount(s.tokens), 'tokens'),
    stat(formatMeanLogprob(s.meanLogprob), 'mean logprob'),
    ...(p === null
      ? []
      : [
          stat(
            `${formatMeanLogprob(p.p10)} / ${formatMeanLogprob(p.p50)} / ${formatMeanLogprob(p.p90)}`,
            'p10 / p50 / p90',
          ),
        ]),
    stat(formatRate(s.flaggedTokenRate), 'flagged tokens'),
    stat(formatRate(s.flaggedAnswerRate), 'answers with a low-confidence span'),
    stat(`${formatRate(s.reviewRate)} (${formatCount(s.verdicts.review)})`, 'review rate (answers)'),
    stat(`${formatCount(s.reviewSentences)} of ${formatCount(s.sentences)}`, 'sentences sent to review'),
    stat(formatCount(s.lowConfidenceFacts), 'low-confidence critical facts'),
    stat(
      `${formatCount(s.reviewed.rejected)} / ${formatCount(s.reviewed.approved)}`,
      `reviewed answers: rejected / approved (of ${formatCount(s.reviewed.answers)})`,
    ),
  ];
  return `<div class="stats">${items.join('')}</div>${range === null ? '' : `\n<p class="meta">${escapeHtml(range)}</p>`}`;
}

function groupsTable(summary: DatasetSummary): string {
  const columns = summaryColumns(summary);
  const head = columns.map((c) => `<th class="num">${escapeHtml(c.label)}</th>`).join('');
  const rows = SUMMARY_ROWS.map(
    (row) =>
      `<tr><th>${escapeHtml(row.label)}</th>${columns.map((c) => `<td class="num">${escapeHtml(row.cell(c.stats))}</td>`).join('')}</tr>`,
  ).join('\n');
  return `<div class="scroll"><table>\n<thead><tr><th></th>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
}

function factsTable(summary: DatasetSummary): string {
  const rows = summary.lowConfidenceFacts
    .map(
      (f) =>
        `<tr><td class="num">${escapeHtml(formatProbability(f.minProb, 'below top-k'))}</td><td>${escapeHtml(f.kind)}</td><td>${escapeHtml(f.text)}</td><td><code>${escapeHtml(f.runId)}</code></td></tr>`,
    )
    .join('\n');
  return `<table>\n<thead><tr><th class="num">lowest token p</th><th>kind</th><th>fact</th><th>run</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

const W = 300;
const H = 100;
const PAD = { left: 34, bottom: 18, top: 6 };

function r1(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** A group's histogram as an SVG bar chart: one bar per bin, its range and count in a <title>. */
function histogramSvg(s: DatasetGroupStats, label: string): string {
  const bins = s.histogram;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const step = bins.length === 0 ? W : W / bins.length;
  const base = PAD.top + H;
  const bars = bins
    .map((bin, i) => {
      const h = (bin.count / max) * H;
      const tip = `${binRange(bin, i)}: ${formatCount(bin.count)} answer${bin.count === 1 ? '' : 's'}`;
      return `<rect class="bar" x="${r1(PAD.left + i * step + 0.5)}" y="${r1(base - h)}" width="${r1(Math.max(1, step - 1))}" height="${r1(h)}"><title>${escapeHtml(tip)}</title></rect>`;
    })
    .join('');
  const min = bins[0]?.from ?? 0;
  const aria = `${label}: histogram of the mean logprob of ${formatCount(s.answers)} answer${s.answers === 1 ? '' : 's'}`;
  const width = PAD.left + W + 8;
  const height = base + PAD.bottom;
  const answers = `${formatCount(s.answers)} answer${s.answers === 1 ? '' : 's'}`;
  return `<figure><figcaption>${escapeHtml(label)} · ${answers}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(aria)}">
<line class="axis" x1="${PAD.left}" y1="${base}" x2="${PAD.left + W}" y2="${base}"/>
<text x="${PAD.left - 4}" y="${PAD.top + 9}" text-anchor="end">${formatCount(max)}</text>
<text x="${PAD.left - 4}" y="${base}" text-anchor="end">0</text>
${bars}
<text x="${PAD.left}" y="${base + 14}">${min.toFixed(1)}</text>
<text x="${PAD.left + W}" y="${base + 14}" text-anchor="end">0</text>
</svg></figure>`;
}
