import type { DatasetSummary } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import {
  factProbability,
  logprob,
  rate,
  summaryHeadline,
  thresholdsSourceText,
  thresholdsText,
} from './datasetText';

describe('rate, logprob', () => {
  it('formats rates and mean logprobs, with a dash for nothing', () => {
    expect(rate(0.125)).toBe('12.5 %');
    expect(rate(0)).toBe('0 %');
    expect(rate(0.0004)).toBe('< 0.1 %');
    expect(rate(0, 0)).toBe('–');
    expect(logprob(-0.5)).toBe('-0.5');
    expect(logprob(-0.0012)).toBe('-0.0012');
    expect(logprob(-1.333)).toBe('-1.33');
    expect(logprob(null)).toBe('–');
    expect(logprob(undefined)).toBe('–');
  });
});

describe('summaryHeadline', () => {
  const summary = (groupBy: DatasetSummary['query']['groupBy'], groups: number) =>
    ({
      query: { groupBy },
      total: { answers: 1240, tokens: 56789, meanLogprob: -0.4212 },
      groups: Array.from({ length: groups }, () => ({})),
    }) as unknown as DatasetSummary;
  it('counts answers, groups and tokens', () => {
    expect(summaryHeadline(summary('model', 3))).toBe(
      '1,240 answers in 3 groups by model · 56,789 tokens · mean logprob -0.42',
    );
    expect(summaryHeadline(summary('promptVersion', 1))).toContain('in 1 group by prompt version');
    expect(summaryHeadline(summary('none', 1))).toBe('1,240 answers · 56,789 tokens · mean logprob -0.42');
  });
});

describe('thresholdsSourceText', () => {
  const settings = {
    name: 'qa',
    thresholds: { publish: -0.3, review: -2 },
    thresholdsNote: 'calibrate: budget 12 %',
    updatedAt: '2026-05-03T10:00:00.000Z',
  };
  it('says where the thresholds came from', () => {
    expect(thresholdsText({ publish: -0.5, review: -1.5 })).toBe(
      'publish at or above -0.5, review below -1.5',
    );
    expect(thresholdsSourceText({ thresholdsSource: 'query' }, 'qa', settings)).toBe(
      'tried on this page (not saved)',
    );
    expect(thresholdsSourceText({ thresholdsSource: 'dataset' }, 'qa', settings)).toBe(
      'saved for dataset “qa” (calibrate: budget 12 %), 2026-05-03',
    );
    expect(thresholdsSourceText({ thresholdsSource: 'default' }, '', null)).toContain('pick a dataset');
    expect(thresholdsSourceText({ thresholdsSource: 'default' }, 'qa', null)).toBe(
      'core’s defaults (none saved for “qa”)',
    );
  });
});

describe('factProbability', () => {
  it('gives the lowest token probability of a fact', () => {
    expect(factProbability({ minProb: 0.032 })).toBe('p 3.2 %');
    expect(factProbability({ minProb: null })).toBe('p below the reported top-k');
  });
});
