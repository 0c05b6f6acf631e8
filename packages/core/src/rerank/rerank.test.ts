import { describe, expect, it } from 'vitest';
import { lengthDivisor, renderRerankText, rerank } from './index.js';

// A short candidate with the best total, a long one with the best mean. short: -2 over 1 token (mean -2); long: -4 over 4 tokens (mean -1).
const SCORES = [
  { text: 'short', sumLogprob: -2, tokenCount: 1 },
  { text: 'a long answer', sumLogprob: -4, tokenCount: 4 },
  { text: 'middle one', sumLogprob: -3.5, tokenCount: 2 },
];

describe('rerank', () => {
  it('ranks by total, mean and sum / len^alpha', () => {
    const r = rerank(SCORES, { alpha: 0.5 });
    expect(r.rankings.total).toEqual([0, 2, 1]);
    // means: -2, -1, -1.75
    expect(r.rankings.mean).toEqual([1, 2, 0]);
    // sum/sqrt(len): -2, -2, -2.4749: tie between 0 and 1 keeps the input order.
    expect(r.rankings.normalized).toEqual([0, 1, 2]);
    expect(r.candidates[2]!.normalizedLogprob).toBeCloseTo(-3.5 / Math.SQRT2, 12);
    expect(r.candidates[1]!.rank).toEqual({ total: 3, mean: 1, normalized: 2 });
    expect(r.agree).toBe(false);
    expect(renderRerankText(r)).toMatch(/scores disagree/);
  });

  it('alpha 0 is the total, alpha 1 the mean; gnmt divides by ((5 + len) / 6)^alpha', () => {
    const zero = rerank(SCORES, { alpha: 0 });
    const one = rerank(SCORES, { alpha: 1 });
    expect(zero.rankings.normalized).toEqual(zero.rankings.total);
    expect(one.rankings.normalized).toEqual(one.rankings.mean);
    expect(lengthDivisor(1, 0.7, 'gnmt')).toBe(1);
    expect(lengthDivisor(7, 1, 'gnmt')).toBe(2);
    const g = rerank(SCORES, { alpha: 1, lengthPenalty: 'gnmt' });
    expect(g.candidates[1]!.normalizedLogprob).toBeCloseTo(-4 / 1.5, 12);
  });

  it('rejects no candidates, duplicates, empty ones and a bad alpha', () => {
    expect(() => rerank([])).toThrow(/at least one candidate/);
    expect(() => rerank([SCORES[0]!, SCORES[0]!])).toThrow(/twice/);
    expect(() => rerank([{ text: '', sumLogprob: -1, tokenCount: 1 }])).toThrow(/non-empty/);
    expect(() => rerank(SCORES, { alpha: -1 })).toThrow(/alpha/);
  });
});
