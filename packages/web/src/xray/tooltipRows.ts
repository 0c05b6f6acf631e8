import type { TokenAnalysis } from '@tokenscope/core';
import { formatLogprob, formatProbability, visibleWhitespace } from '@tokenscope/core';

/** One row of the tooltip's alternatives table. */
export interface TooltipRow {
  text: string;
  prob: string;
  logprob: string;
  bytes: string;
  chosen: boolean;
}

const hex = (bytes: number[] | null) =>
  bytes ? bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') : '';

/**
 * The rows of a token's tooltip: its top-k (whitespace visible, p, logprob, bytes in hex), the chosen
 * one marked; when the chosen token is not in the top-k, it is added last, saying so.
 */
export function tooltipRows(t: TokenAnalysis): TooltipRow[] {
  const rows: TooltipRow[] = t.top.map((a, i) => ({
    text: visibleWhitespace(a.text),
    prob: formatProbability(a.prob, 'below top-k'),
    logprob: formatLogprob(a.logprob),
    bytes: hex(a.bytes),
    chosen: t.rank !== null && i === t.rank - 1,
  }));
  if (t.rank === null) {
    rows.push({
      text: `${visibleWhitespace(t.text)} (sampled, not in the top-${t.top.length})`,
      prob: formatProbability(t.prob, 'below top-k'),
      logprob: formatLogprob(t.logprob, 'n/a'),
      bytes: hex(t.bytes),
      chosen: true,
    });
  }
  return rows;
}

/** "rank 2 of 5", "not in the top-5", or "no alternatives reported". */
export function rankText(t: TokenAnalysis): string {
  const k = t.top.length;
  if (k === 0) return 'no alternatives reported';
  return t.rank === null ? `not in the top-${k}` : `rank ${t.rank} of ${k}`;
}

/** "the top-5 cover 97.2 % of the probability". */
export function massText(t: TokenAnalysis): string {
  const k = t.top.length;
  return k === 0
    ? 'no alternatives reported'
    : `the top-${k} cover ${formatProbability(t.topMass)} of the probability`;
}
