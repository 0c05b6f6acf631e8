import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzed } from './__fixtures__/tokens.js';
import { summarize } from './summarize.js';

describe('summarize', () => {
  it('scores only tokens with a known logprob', () => {
    const s = summarize(
      analyzed([
        ['a', Math.log(0.5)],
        ['b', null],
        ['c', Math.log(0.25)],
      ]),
    );
    // sum = ln .5 + ln .25 = ln .125 = -2.07944; mean = -1.03972; perplexity = e^1.03972 = 2.828427 (= sqrt 8)
    expect(s.tokens).toBe(3);
    expect(s.scoredTokens).toBe(2);
    expect(s.sumLogprob).toBeCloseTo(Math.log(0.125), 12);
    expect(s.meanLogprob).toBeCloseTo(Math.log(0.125) / 2, 12);
    expect(s.perplexity).toBeCloseTo(Math.SQRT2 * 2, 12);
    expect(s.minProb).toBeCloseTo(0.25, 12);
    expect(s.minProbIndex).toBe(2);
    expect(s.flaggedTokens).toBe(1); // the sentinel
    expect(s.clueCounts).toEqual({ 'low-confidence': 1, ambiguous: 0, 'not-top': 0 });
    expect(s.bandCounts).toEqual({ green: 0, lime: 0, yellow: 0, orange: 1, red: 2 });
  });

  it('gives an empty answer a mean of 0 and a perplexity of 1', () => {
    const s = summarize([]);
    expect([s.tokens, s.scoredTokens, s.sumLogprob, s.meanLogprob, s.perplexity]).toEqual([0, 0, 0, 0, 1]);
    expect([s.minProb, s.minProbIndex]).toEqual([null, null]);
  });

  it('perplexity >= 1 for any logprobs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -50, max: 0, noNaN: true }), { nil: null }), { maxLength: 50 }),
        (lps) => {
          const s = summarize(analyzed(lps.map((lp, i) => [`t${i}`, lp])));
          expect(s.perplexity).toBeGreaterThanOrEqual(1);
          expect(s.meanLogprob).toBeLessThanOrEqual(0);
          expect(s.scoredTokens).toBe(lps.filter((x) => x !== null).length);
          if (s.minProb !== null) expect(s.minProb >= 0 && s.minProb <= 1).toBe(true);
        },
      ),
    );
  });
});
