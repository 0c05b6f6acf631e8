import type { RunSummary } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { compareSummaries } from './compareSummaries';

const base: RunSummary = {
  tokens: 10,
  sumLogprob: -5,
  meanLogprob: -0.5,
  perplexity: 1.649,
  minProb: 0.2,
  flaggedTokens: 3,
  lowConfidenceSpans: 2,
  criticalFacts: 1,
  flaggedFacts: 0,
  bandShares: [0.5, 0.2, 0.1, 0.1, 0.1],
};

const row = (rows: ReturnType<typeof compareSummaries>, label: string) =>
  rows.find((r) => r.label === label)!;

describe('compareSummaries', () => {
  it('marks every row the same for identical summaries', () => {
    const rows = compareSummaries(base, { ...base });
    expect(rows.every((r) => r.better === 'same' && r.delta === '')).toBe(true);
    expect(row(rows, 'Mean logprob')).toMatchObject({ a: '-0.500', b: '-0.500' });
  });

  it('favours the higher mean logprob, the lower perplexity and fewer flags', () => {
    const b = { ...base, meanLogprob: -0.2, perplexity: 1.221, flaggedTokens: 5, minProb: 0.05 };
    const rows = compareSummaries(base, b);
    expect(row(rows, 'Mean logprob')).toMatchObject({ better: 'b', delta: 'Δ 0.300' });
    expect(row(rows, 'Perplexity').better).toBe('b');
    expect(row(rows, 'Flagged tokens')).toMatchObject({ better: 'a', delta: 'Δ 2' });
    expect(row(rows, 'Min probability')).toMatchObject({ better: 'a', a: '20.0 %', b: '5.0 %' });
  });

  it('shows a difference in a neutral count without calling either better', () => {
    const rows = compareSummaries(base, { ...base, tokens: 12 });
    expect(row(rows, 'Tokens')).toMatchObject({ better: 'same', delta: 'Δ 2' });
  });

  it('does not compare a missing min probability', () => {
    const rows = compareSummaries(base, { ...base, minProb: null });
    expect(row(rows, 'Min probability')).toMatchObject({ b: '–', better: 'same', delta: '' });
  });

  it('treats differences hidden by rounding as the same', () => {
    const rows = compareSummaries(base, { ...base, meanLogprob: -0.5000001 });
    expect(row(rows, 'Mean logprob')).toMatchObject({ better: 'same', delta: '' });
  });
});
