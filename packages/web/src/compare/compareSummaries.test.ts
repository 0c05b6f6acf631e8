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

describe('compareSummaries of two runs', () => {
  it('marks no row for identical summaries', () => {
    const rows = compareSummaries([base, { ...base }]);
    expect(rows.every((r) => r.best.length === 0 && r.spread === '')).toBe(true);
    expect(row(rows, 'Mean logprob').values).toEqual(['-0.500', '-0.500']);
  });

  it('favours the higher mean logprob, the lower perplexity and fewer flags', () => {
    const b = { ...base, meanLogprob: -0.2, perplexity: 1.221, flaggedTokens: 5, minProb: 0.05 };
    const rows = compareSummaries([base, b]);
    expect(row(rows, 'Mean logprob')).toMatchObject({ best: [1], spread: 'Δ 0.300' });
    expect(row(rows, 'Perplexity').best).toEqual([1]);
    expect(row(rows, 'Flagged tokens')).toMatchObject({ best: [0], spread: 'Δ 2' });
    expect(row(rows, 'Min probability')).toMatchObject({ best: [0], values: ['20.0 %', '5.0 %'] });
  });

  it('shows a difference in a neutral count without calling either better', () => {
    const rows = compareSummaries([base, { ...base, tokens: 12 }]);
    expect(row(rows, 'Tokens')).toMatchObject({ best: [], spread: 'Δ 2' });
  });

  it('does not compare a missing min probability', () => {
    const rows = compareSummaries([base, { ...base, minProb: null }]);
    expect(row(rows, 'Min probability')).toMatchObject({ values: ['20.0 %', '–'], best: [], spread: '' });
  });

  it('treats differences hidden by rounding as the same', () => {
    const rows = compareSummaries([base, { ...base, meanLogprob: -0.5000001 }]);
    expect(row(rows, 'Mean logprob')).toMatchObject({ best: [], spread: '' });
  });
});

describe('compareSummaries of more runs', () => {
  const runs: RunSummary[] = [
    base,
    { ...base, meanLogprob: -0.2, perplexity: 1.221, flaggedTokens: 1, tokens: 14 },
    { ...base, meanLogprob: -0.9, perplexity: 2.46, flaggedTokens: 1, minProb: null },
    { ...base, meanLogprob: -0.2000001, perplexity: 1.221, flaggedTokens: 6, minProb: 0.1 },
  ];

  it('gives one value per run, in order', () => {
    expect(row(compareSummaries(runs), 'Mean logprob').values).toEqual([
      '-0.500',
      '-0.200',
      '-0.900',
      '-0.200',
    ]);
  });

  it('marks every run tied for the most confident value', () => {
    const rows = compareSummaries(runs);
    expect(row(rows, 'Mean logprob').best).toEqual([1, 3]);
    expect(row(rows, 'Perplexity').best).toEqual([1, 3]);
    expect(row(rows, 'Flagged tokens').best).toEqual([1, 2]);
  });

  it('spreads from the best to the worst value', () => {
    const rows = compareSummaries(runs);
    expect(row(rows, 'Mean logprob').spread).toBe('Δ 0.700');
    expect(row(rows, 'Flagged tokens').spread).toBe('Δ 5');
    expect(row(rows, 'Tokens')).toMatchObject({ best: [], spread: 'Δ 4' });
  });

  it('leaves a missing value out and compares the rest', () => {
    expect(row(compareSummaries(runs), 'Min probability')).toMatchObject({
      best: [0, 1],
      spread: 'Δ 10.0 %',
    });
  });

  it('marks nothing when every run shows the same value', () => {
    expect(row(compareSummaries([base, base, { ...base }]), 'Perplexity')).toMatchObject({
      best: [],
      spread: '',
    });
  });
});

describe('compareSummaries with sampling consistency', () => {
  const sampledOnly: RunSummary = {
    ...base,
    tokens: 0,
    sumLogprob: 0,
    meanLogprob: 0,
    perplexity: 1,
    minProb: null,
    flaggedTokens: 0,
    lowConfidenceSpans: 0,
    bandShares: [0, 0, 0, 0, 0],
    agreement: 0.6,
  };

  it('adds a Sampling agreement row only when a run has one', () => {
    expect(compareSummaries([base, base]).some((r) => r.label === 'Sampling agreement')).toBe(false);
    const rows = compareSummaries([{ ...base, agreement: 0.9 }, sampledOnly]);
    expect(row(rows, 'Sampling agreement')).toMatchObject({ values: ['90.0 %', '60.0 %'], best: [0] });
  });

  it('a run made from samples only has no token figures: its perplexity 1 is not the best', () => {
    const rows = compareSummaries([base, sampledOnly]);
    expect(row(rows, 'Perplexity')).toMatchObject({ values: ['1.649', '–'], best: [], spread: '' });
    expect(row(rows, 'Tokens').values).toEqual(['10', '–']);
    expect(row(rows, 'Sampling agreement').values).toEqual(['–', '60.0 %']);
  });
});
