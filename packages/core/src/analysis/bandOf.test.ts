import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf } from './bandOf.js';
import { BANDS, DEFAULT_THRESHOLDS } from './Thresholds.js';

describe('bandOf', () => {
  it.each([
    [0.95, 'green'],
    [0.9, 'lime'], // bounds are strict: p > 0.9 is green
    [0.71, 'lime'],
    [0.7, 'yellow'],
    [0.5, 'orange'],
    [0.31, 'orange'],
    [0.3, 'red'],
    [0, 'red'],
    [null, 'red'], // a sentinel: below the reported top-k
  ] as const)('p = %s is %s', (p, band) => {
    expect(bandOf(p, DEFAULT_THRESHOLDS)).toBe(band);
  });

  it('is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          // BANDS is ordered most to least confident: a higher p never gets a later band.
          expect(BANDS.indexOf(bandOf(hi, DEFAULT_THRESHOLDS))).toBeLessThanOrEqual(
            BANDS.indexOf(bandOf(lo, DEFAULT_THRESHOLDS)),
          );
        },
      ),
    );
  });
});
