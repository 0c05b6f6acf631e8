import type { RunSummary } from '@tokenscope/core';
import { formatNumber, formatPercent } from '../app/format';

/** Which run a row favours: higher confidence is better. */
export type Verdict = 'a' | 'b' | 'same';

export interface SummaryRow {
  label: string;
  a: string;
  b: string;
  /** The more confident run on this row (`same` when equal or not comparable). */
  better: Verdict;
  /** Absolute difference shown beside the values (`''` when the same). */
  delta: string;
}

type Metric = {
  label: string;
  value: (s: RunSummary) => number | null;
  format: (v: number | null) => string;
  /** +1: higher is more confident; -1: lower is; 0: not a confidence measure. */
  direction: 1 | -1 | 0;
};

const METRICS: Metric[] = [
  { label: 'Tokens', value: (s) => s.tokens, format: (v) => formatNumber(v, 0), direction: 0 },
  { label: 'Mean logprob', value: (s) => s.meanLogprob, format: (v) => formatNumber(v, 3), direction: 1 },
  { label: 'Perplexity', value: (s) => s.perplexity, format: (v) => formatNumber(v, 3), direction: -1 },
  { label: 'Min probability', value: (s) => s.minProb, format: formatPercent, direction: 1 },
  {
    label: 'Flagged tokens',
    value: (s) => s.flaggedTokens,
    format: (v) => formatNumber(v, 0),
    direction: -1,
  },
  {
    label: 'Low-confidence spans',
    value: (s) => s.lowConfidenceSpans,
    format: (v) => formatNumber(v, 0),
    direction: -1,
  },
  { label: 'Critical facts', value: (s) => s.criticalFacts, format: (v) => formatNumber(v, 0), direction: 0 },
  { label: 'Flagged facts', value: (s) => s.flaggedFacts, format: (v) => formatNumber(v, 0), direction: -1 },
  { label: 'Green tokens', value: (s) => s.bandShares[0], format: formatPercent, direction: 1 },
  { label: 'Red tokens', value: (s) => s.bandShares[4], format: formatPercent, direction: -1 },
];

/** The rows of the comparison table: both runs' values, which is more confident, and by how much. */
export function compareSummaries(a: RunSummary, b: RunSummary): SummaryRow[] {
  return METRICS.map((metric) => {
    const va = metric.value(a);
    const vb = metric.value(b);
    const fa = metric.format(va);
    const fb = metric.format(vb);
    const comparable = va !== null && vb !== null && Number.isFinite(va) && Number.isFinite(vb);
    // Equal as displayed counts as the same: tiny float noise is no difference.
    const same = !comparable || fa === fb;
    let better: Verdict = 'same';
    if (!same && metric.direction !== 0) {
      better = (va - vb) * metric.direction > 0 ? 'a' : 'b';
    }
    const delta = same ? '' : metric.format(Math.abs(va - vb));
    return { label: metric.label, a: fa, b: fb, better, delta: same || !comparable ? '' : `Δ ${delta}` };
  });
}
