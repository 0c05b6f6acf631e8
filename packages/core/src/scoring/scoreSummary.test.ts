import { describe, expect, it } from 'vitest';
import type { Token } from '../model/Token.js';
import { scoreSummary, tokenRank } from './scoreSummary.js';

const alt = (text: string, logprob: number | null, id?: number) => ({
  text,
  logprob,
  bytes: null,
  ...(id === undefined ? {} : { id }),
});
const token = (text: string, logprob: number | null, top: ReturnType<typeof alt>[], id?: number): Token => ({
  text,
  bytes: null,
  logprob,
  top,
  ...(id === undefined ? {} : { id }),
});

describe('tokenRank', () => {
  it('counts the alternatives above the token; matches by id when both have ids, else by text', () => {
    expect(tokenRank(token(' a', -0.1, [alt(' a', -0.1), alt(' b', -2)]))).toBe(1);
    expect(tokenRank(token(' b', -2, [alt(' a', -0.1), alt(' c', -1), alt(' b', -2)]))).toBe(3);
    // Same text, other id: not this token.
    expect(tokenRank(token(' a', -0.5, [alt(' a', -0.1, 7)], 8))).toBeNull();
    expect(tokenRank(token(' a', -0.5, [alt(' x', -0.1, 8), alt(' a', -0.5, 9)], 9))).toBe(2);
  });

  it('is null below the top-k, without alternatives, and without a logprob', () => {
    expect(tokenRank(token(' z', -6, [alt(' a', -0.1), alt(' b', -2)]))).toBeNull();
    expect(tokenRank(token(' a', -0.1, []))).toBeNull();
    expect(tokenRank(token('<s>', null, [alt('<s>', null)]))).toBeNull();
  });
});

describe('scoreSummary', () => {
  it('sums the known logprobs, takes the perplexity over them and counts ranks', () => {
    const tokens = [
      token('Once', null, []),
      token(' upon', -0.5, [alt(' upon', -0.5), alt(' a', -1.5)]),
      token(' a', -1, [alt(' the', -0.8), alt(' a', -1)]),
      token(' xylophone', -3, [alt(' time', -0.1)]),
    ];
    const s = scoreSummary(tokens, 2);
    expect(s).toMatchObject({ tokenCount: 4, sumLogprob: -4.5, topChoiceCount: 1, belowTopK: 1 });
    expect(s.perplexity).toBeCloseTo(Math.exp(4.5 / 3), 12);
    expect(scoreSummary(tokens, 0).belowTopK).toBe(0);
    expect(scoreSummary([token('x', null, [])], 5)).toEqual({
      tokenCount: 1,
      sumLogprob: 0,
      perplexity: 1,
      topChoiceCount: 0,
      belowTopK: 0,
    });
  });
});
