import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSoftmax } from '../math/logSoftmax.js';
import { softmaxSummary } from './softmaxSummary.js';

describe('softmaxSummary', () => {
  it('agrees with logSoftmax on the normaliser and the entropy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 100 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (logits, t) => {
          const lp = logSoftmax(logits, t);
          const s = softmaxSummary(logits, t);
          logits.forEach((x, i) => {
            expect(x / t - s.logNormalizer).toBeCloseTo(lp[i]!, 6);
          });
          let h = 0;
          for (const v of lp) if (v > Number.NEGATIVE_INFINITY) h -= Math.exp(v) * v;
          expect(s.entropy).toBeCloseTo(Math.max(0, h), 6);
          expect(s.entropy).toBeLessThanOrEqual(Math.log(logits.length) + 1e-9);
        },
      ),
    );
  });

  it('gives masked (-Infinity) logits probability 0 and stays finite at 1e4', () => {
    const s = softmaxSummary([0, 0, Number.NEGATIVE_INFINITY], 1);
    expect(s.entropy).toBeCloseTo(Math.log(2), 12);
    expect(s.logNormalizer).toBeCloseTo(Math.log(2), 12);
    const big = softmaxSummary([1e4, -1e4], 1);
    expect(big.logNormalizer).toBe(1e4);
    expect(big.entropy).toBeGreaterThanOrEqual(0);
  });
});
