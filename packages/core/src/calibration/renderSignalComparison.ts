/** The comparison of the two confidence signals on one dataset, as text, Markdown and HTML. */
import { escapeHtml } from '../render/escapeHtml.js';
import type { SignalCalibrationComparison } from './compareSignalCalibration.js';

const fixed = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** [metric, token confidence, sampling agreement] rows. */
function rows(c: SignalCalibrationComparison): Array<[string, string, string]> {
  return [
    ['AUROC (higher is better)', fixed(c.logprobs.auroc), fixed(c.consistency.auroc)],
    ['Brier score (lower is better)', fixed(c.logprobs.brier), fixed(c.consistency.brier)],
    ['ECE (lower is better)', fixed(c.logprobs.ece), fixed(c.consistency.ece)],
    ['mean confidence', fixed(c.logprobs.meanConfidence), fixed(c.consistency.meanConfidence)],
  ];
}

const head = (c: SignalCalibrationComparison) =>
  `Signals compared on ${c.rows} labelled answers with both (${c.correct} right): token confidence = exp(mean logprob), sampling agreement = share of the samples giving the answer`;

export function renderSignalComparisonText(c: SignalCalibrationComparison): string {
  const table = [['', 'token confidence', 'sampling agreement'] as const, ...rows(c)];
  const w0 = Math.max(...table.map((r) => r[0].length));
  const lines = table.map(
    ([a, b, d]) =>
      `  ${a.padEnd(w0)}  ${b.padStart('token confidence'.length)}  ${d.padStart('sampling agreement'.length)}`,
  );
  return `${head(c)}\n${lines.join('\n')}\n${c.line}\n`;
}

export function renderSignalComparisonMarkdown(c: SignalCalibrationComparison): string {
  return [
    '## Signals',
    '',
    head(c),
    '',
    '| metric | token confidence | sampling agreement |',
    '|---|---:|---:|',
    ...rows(c).map(([a, b, d]) => `| ${a} | ${b} | ${d} |`),
    '',
    `**${c.line}**`,
    '',
  ].join('\n');
}

export function renderSignalComparisonHtml(c: SignalCalibrationComparison): string {
  const body = rows(c)
    .map(([a, b, d]) => `<tr><td>${escapeHtml(a)}</td><td class="n">${b}</td><td class="n">${d}</td></tr>`)
    .join('\n');
  return `<h2>Signals</h2>
<p>${escapeHtml(head(c))}</p>
<table>
<thead><tr><th>metric</th><th>token confidence</th><th>sampling agreement</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<p><strong>${escapeHtml(c.line)}</strong></p>
`;
}
