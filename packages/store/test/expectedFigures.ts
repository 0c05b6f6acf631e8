/**
 * What the store's dataset figures should be, derived from core's own analysis of each saved
 * response (`summarizeRun`, `gate(analyze(...))`), never from the store's SQL: the tests compare
 * the database's aggregates with these.
 */
import {
  analyze,
  type DatasetGroupStats,
  type GateThresholds,
  type GateVerdict,
  gate,
  type LogprobResponse,
  summarizeRun,
} from '@tokenscope/core';
import { expect } from 'vitest';

export interface ExpectedRun {
  id: string;
  createdAt: string;
  response: LogprobResponse;
}

export interface CoreFigures {
  tokens: number;
  /** Mean token logprob; null without tokens. */
  mean: number | null;
  flaggedTokens: number;
  lowConfidenceSpans: number;
  verdict: GateVerdict;
  /** Sentences core's gate sends to review. */
  reviewSentences: number;
  sentences: number;
  /** The critical facts with a low-confidence token (each once). */
  facts: Array<{ kind: string; text: string; minProb: number | null }>;
}

/** Core's figures of completion 0 of `response` at `thresholds`. */
export function coreFigures(response: LogprobResponse, thresholds: GateThresholds): CoreFigures {
  const summary = summarizeRun(response);
  if (response.completions.length === 0) {
    return {
      tokens: 0,
      mean: null,
      flaggedTokens: 0,
      lowConfidenceSpans: 0,
      verdict: 'publish',
      reviewSentences: 0,
      sentences: 0,
      facts: [],
    };
  }
  const gated = gate(analyze(response), thresholds);
  const facts = [...new Set(gated.sentences.flatMap((s) => s.lowConfidenceFacts))];
  return {
    tokens: summary.tokens,
    mean: summary.tokens > 0 ? summary.meanLogprob : null,
    flaggedTokens: summary.flaggedTokens,
    lowConfidenceSpans: summary.lowConfidenceSpans,
    verdict: gated.verdict,
    reviewSentences: gated.counts.review,
    sentences: gated.sentences.length,
    facts: facts.map((f) => ({ kind: f.kind, text: f.text, minProb: f.minProb })),
  };
}

const PERCENTILES = [
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
] as const;

/**
 * Checks a group's figures against core's figures of its runs. Percentiles come from 0.01-nat
 * buckets: each must be within 0.01 of the answer at its rank, in order, and within the answers'
 * range.
 */
export function expectGroupStats(
  stats: DatasetGroupStats,
  runs: readonly ExpectedRun[],
  thresholds: GateThresholds,
  label = String(stats.key),
): void {
  const figures = runs.map((r) => coreFigures(r.response, thresholds));
  const sum = (pick: (f: CoreFigures) => number) => figures.reduce((total, f) => total + pick(f), 0);
  const means = figures.flatMap((f) => (f.mean === null ? [] : [f.mean]));
  const answers = runs.length;
  const tokens = sum((f) => f.tokens);
  const review = figures.filter((f) => f.verdict === 'review').length;

  expect(stats.answers, label).toBe(answers);
  expect(stats.tokens, label).toBe(tokens);
  if (means.length === 0) expect(stats.meanLogprob, label).toBeNull();
  else expect(stats.meanLogprob, label).toBeCloseTo(means.reduce((a, b) => a + b, 0) / means.length, 9);
  expect(stats.verdicts, label).toEqual({ publish: answers - review, review });
  expect(stats.reviewRate, label).toBeCloseTo(answers === 0 ? 0 : review / answers, 12);
  expect(stats.reviewSentences, label).toBe(sum((f) => f.reviewSentences));
  expect(stats.sentences, label).toBe(sum((f) => f.sentences));
  expect(stats.lowConfidenceFacts, label).toBe(sum((f) => f.facts.length));
  expect(stats.flaggedTokenRate, label).toBeCloseTo(
    tokens === 0 ? 0 : sum((f) => f.flaggedTokens) / tokens,
    12,
  );
  expect(stats.flaggedAnswerRate, label).toBeCloseTo(
    answers === 0 ? 0 : figures.filter((f) => f.lowConfidenceSpans > 0).length / answers,
    12,
  );
  const times = runs.map((r) => r.createdAt).sort();
  expect(stats.firstAt, label).toBe(times[0] ?? null);
  expect(stats.lastAt, label).toBe(times.at(-1) ?? null);

  expect(
    stats.histogram.reduce((total, bin) => total + bin.count, 0),
    label,
  ).toBe(means.length);
  for (const [i, bin] of stats.histogram.entries()) {
    expect(bin.to, label).toBeGreaterThan(bin.from);
    if (i > 0) expect(bin.from, label).toBeCloseTo(stats.histogram[i - 1]!.to, 12);
  }
  expect(stats.histogram.at(-1)?.to, label).toBe(0);

  if (means.length === 0) {
    expect(stats.percentiles, label).toBeNull();
    return;
  }
  const sorted = [...means].sort((a, b) => a - b);
  const p = stats.percentiles;
  expect(p, label).not.toBeNull();
  let previous = Number.NEGATIVE_INFINITY;
  for (const [name, fraction] of PERCENTILES) {
    const value = p![name];
    expect(value, `${label} ${name}`).toBeGreaterThanOrEqual(previous);
    expect(value, `${label} ${name}`).toBeGreaterThanOrEqual(sorted[0]!);
    expect(value, `${label} ${name}`).toBeLessThanOrEqual(sorted.at(-1)!);
    const atRank = sorted[Math.ceil(fraction * sorted.length) - 1]!;
    expect(Math.abs(value - atRank), `${label} ${name}`).toBeLessThanOrEqual(0.01 + 1e-12);
    previous = value;
  }
}
