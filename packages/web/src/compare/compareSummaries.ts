import type { RunSummary } from '@tokenscope/core';
import { formatNumber, formatPercent } from '../app/format';

export interface SummaryRow {
  label: string;
  /** Each run's value as shown, in the runs' order. */
  values: string[];
  /**
   * The indexes of the most confident run(s) on this row: all tied ones, none when every comparable
   * value is the same, fewer than two runs have a value, or the row is not a confidence measure.
   */
  best: number[];
  /**
   * How far apart the values are: best − worst (largest − smallest for a neutral count), over the
   * runs that have a value, as `Δ …`; `''` when they all show the same. For two runs this is their
   * difference.
   */
  spread: string;
}

type Metric = {
  label: string;
  value: (s: RunSummary) => number | null;
  format: (v: number | null) => string;
  /** +1: higher is more confident; -1: lower is; 0: not a confidence measure. */
  direction: 1 | -1 | 0;
  /** Read from sampling consistency (else from the tokens: none for a run made from samples only). */
  sampling?: true;
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
  {
    label: 'Sampling agreement',
    value: (s) => s.agreement ?? null,
    format: formatPercent,
    direction: 1,
    sampling: true,
  },
];

/** A run made from samples only has no tokens: its token figures are not figures (perplexity 1 is no confidence). */
function samplesOnly(s: RunSummary): boolean {
  return s.tokens === 0 && s.agreement !== undefined;
}

/**
 * The rows of the comparison table for 2 or more runs: every run's value, which run(s) are the most
 * confident, and the spread between them. Values equal as displayed count as the same (float noise is
 * no difference); a missing value (a run without min probability) takes no part. With a run that has a
 * sampling-consistency result, a "Sampling agreement" row is added; a run made from samples only has
 * no token figures (its 0 tokens would otherwise read as perplexity 1, the most confident).
 */
export function compareSummaries(summaries: readonly RunSummary[]): SummaryRow[] {
  const sampled = summaries.some((s) => s.agreement !== undefined);
  return METRICS.filter((metric) => sampled || !metric.sampling).map((metric) => {
    const raw = summaries.map((s) => (!metric.sampling && samplesOnly(s) ? null : metric.value(s)));
    const values = raw.map(metric.format);
    const present = raw.flatMap((v, i) =>
      v !== null && Number.isFinite(v) ? [{ v, i, shown: values[i]! }] : [],
    );
    const shown = new Set(present.map((p) => p.shown));
    if (present.length < 2 || shown.size < 2) return { label: metric.label, values, best: [], spread: '' };
    const nums = present.map((p) => p.v);
    const spread = `Δ ${metric.format(Math.max(...nums) - Math.min(...nums))}`;
    if (metric.direction === 0) return { label: metric.label, values, best: [], spread };
    const top = metric.direction > 0 ? Math.max(...nums) : Math.min(...nums);
    const topShown = metric.format(top);
    const best = present.filter((p) => p.shown === topShown).map((p) => p.i);
    return { label: metric.label, values, best, spread };
  });
}
