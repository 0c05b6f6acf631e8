import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSoftmax } from './logSoftmax.js';
import { logsumexp } from './logsumexp.js';

describe('logSoftmax', () => {
  it('is stable for logits of magnitude 1e4', () => {
    const lp = logSoftmax([1e4, 1e4 - 1, -1e4]);
    expect(lp.every(Number.isFinite)).toBe(true);
    expect(logsumexp(lp)).toBeCloseTo(0, 10);
    expect(lp[0]! - lp[1]!).toBeCloseTo(1, 9);
  });

  it('gives a distribution that sums to 1 for any logits and temperature', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (logits, t) => {
          const lp = logSoftmax(logits, t);
          let sum = 0;
          for (const v of lp) {
            expect(v).toBeLessThanOrEqual(1e-12);
            sum += Math.exp(v);
          }
          expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('rejects a temperature that is not > 0', () => {
    expect(() => logSoftmax([1, 2], 0)).toThrow(/temperature/);
    expect(() => logSoftmax([1, 2], Number.NaN)).toThrow(/temperature/);
  });
});
