/**
 * The gate's verdicts as text for a terminal (optionally coloured), Markdown or JSON. Every format
 * says that logprobs measure the model's confidence, not truth.
 */
import { escapeControls, quoteText } from '../render/escapeControls.js';
import { escapeTableCell } from '../render/escapeMarkdown.js';
import { DISCLAIMER } from '../render/legend.js';
import { formatMeanLogprob } from './formatMeanLogprob.js';
import type { GateResult } from './gate.js';

const MARK = { publish: '✓', review: '✗' } as const;

function headline(result: GateResult): string {
  const { counts, thresholds } = result;
  const total = counts.publish + counts.review;
  const what =
    result.verdict === 'review'
      ? `${counts.review} of ${total} sentence${total === 1 ? '' : 's'} need${counts.review === 1 ? 's' : ''} review`
      : total === 1
        ? 'the one sentence can be published'
        : `all ${total} sentences can be published`;
  return `${what} (publish above a mean logprob of ${thresholds.publish}, review below ${thresholds.review})`;
}

export function renderGateText(result: GateResult, options: { color?: boolean } = {}): string {
  const paint = (style: string, s: string) => (options.color === true ? `\u001b[${style}m${s}\u001b[0m` : s);
  const style = { publish: '1;32', review: '1;31' } as const;
  const lines = [`${paint(style[result.verdict], result.verdict.toUpperCase())}: ${headline(result)}`, ''];
  for (const s of result.sentences) {
    lines.push(
      `${paint(style[s.verdict], `${MARK[s.verdict]} ${s.verdict.padEnd(7)}`)}  ${formatMeanLogprob(s.meanLogprob).padStart(6)}  ${quoteText(s.text)}`,
    );
    lines.push(`                     ${escapeControls(s.reason, { newline: false, tab: false })}`);
  }
  lines.push('', DISCLAIMER);
  return `${lines.join('\n')}\n`;
}

export function renderGateMarkdown(result: GateResult): string {
  const lines = [
    '# Confidence gate',
    '',
    `**${result.verdict.toUpperCase()}**: ${headline(result)}.`,
    '',
    '| # | verdict | mean logprob | sentence | reason |',
    '|---:|---|---:|---|---|',
  ];
  for (const s of result.sentences) {
    lines.push(
      `| ${s.index + 1} | ${MARK[s.verdict]} ${s.verdict} | ${formatMeanLogprob(s.meanLogprob)} | ${escapeTableCell(s.text)} | ${escapeTableCell(s.reason)} |`,
    );
  }
  lines.push('', `_${DISCLAIMER}_`);
  return `${lines.join('\n')}\n`;
}

export function renderGateJson(result: GateResult, options: { pretty?: boolean } = {}): string {
  return `${JSON.stringify({ ...result, disclaimer: DISCLAIMER }, null, options.pretty === true ? 2 : undefined)}\n`;
}
