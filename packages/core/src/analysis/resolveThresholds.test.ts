import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { resolveThresholds } from './resolveThresholds.js';
import { DEFAULT_THRESHOLDS } from './Thresholds.js';

describe('resolveThresholds', () => {
  it('returns the defaults (a copy) without overrides', () => {
    const t = resolveThresholds();
    expect(t).toEqual(DEFAULT_THRESHOLDS);
    t.bands.green = 0.1;
    expect(DEFAULT_THRESHOLDS.bands.green).toBe(0.9);
  });

  it('merges partial overrides, bands included', () => {
    const t = resolveThresholds({ bands: { lime: 0.8 }, lowConfidence: 0.05 });
    expect(t).toEqual({
      bands: { green: 0.9, lime: 0.8, yellow: 0.5, orange: 0.3 },
      lowConfidence: 0.05,
      ambiguousMargin: 0.15,
    });
  });

  it.each([
    [{ lowConfidence: 1.5 }, 'thresholds.lowConfidence', /0\.\.1, got 1.5/],
    [{ ambiguousMargin: -0.1 }, 'thresholds.ambiguousMargin', /got -0.1/],
    [{ lowConfidence: Number.NaN }, 'thresholds.lowConfidence', /got NaN/],
    [{ bands: { green: '0.9' } }, 'thresholds.bands.green', /the string "0.9"/],
    [{ bands: { lime: 0.95 } }, 'thresholds.bands.lime', /strictly descending.*green 0.9 <= lime 0.95/],
    [{ bands: { yellow: 0.7 } }, 'thresholds.bands.yellow', /lime 0.7 <= yellow 0.7/],
    [{ bands: { green: 0.4 } }, 'thresholds.bands.green', /green 0.4 <= lime 0.7/],
    [{ bands: { purple: 0.4 } }, 'thresholds.bands.purple', /unknown threshold/],
    [{ lowconfidence: 0.2 }, 'thresholds.lowconfidence', /expected one of: bands, lowConfidence/],
  ])('rejects %j naming %s', (overrides, option, message) => {
    let error: unknown;
    try {
      resolveThresholds(overrides as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('accepts the edges 0 and 1', () => {
    const t = resolveThresholds({ bands: { green: 1, orange: 0 }, lowConfidence: 0, ambiguousMargin: 1 });
    expect(t.bands).toEqual({ green: 1, lime: 0.7, yellow: 0.5, orange: 0 });
  });
});
