import { DEFAULT_THRESHOLDS, resolveThresholds } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { bandBoundRange, setBandBound, setClueBound } from './editThresholds.js';

describe('threshold edits', () => {
  it('sets one band bound and keeps the bands ordered', () => {
    expect(setBandBound(DEFAULT_THRESHOLDS, 'lime', 0.8).bands).toEqual({
      green: 0.9,
      lime: 0.8,
      yellow: 0.5,
      orange: 0.3,
    });
    expect(setBandBound(DEFAULT_THRESHOLDS, 'yellow', 0.95).bands).toEqual({
      green: 0.97,
      lime: 0.96,
      yellow: 0.95,
      orange: 0.3,
    });
    expect(setBandBound(DEFAULT_THRESHOLDS, 'lime', 0.1).bands).toEqual({
      green: 0.9,
      lime: 0.1,
      yellow: 0.09,
      orange: 0.08,
    });
  });
  it('keeps the bands strictly descending at the ends, as core requires', () => {
    const low = setBandBound(DEFAULT_THRESHOLDS, 'green', 0);
    expect(low.bands).toEqual({ green: 0.03, lime: 0.02, yellow: 0.01, orange: 0 });
    expect(() => resolveThresholds(low)).not.toThrow();
    const high = setBandBound(DEFAULT_THRESHOLDS, 'orange', 1);
    expect(high.bands).toEqual({ green: 1, lime: 0.99, yellow: 0.98, orange: 0.97 });
    expect(() => resolveThresholds(high)).not.toThrow();
    expect(bandBoundRange('lime')).toEqual({ min: 0.02, max: 0.99 });
  });
  it('clamps to 0..1 and ignores non-numbers', () => {
    expect(setBandBound(DEFAULT_THRESHOLDS, 'green', 7).bands.green).toBe(1);
    expect(setBandBound(DEFAULT_THRESHOLDS, 'green', -1).bands.green).toBe(0.03);
    expect(setBandBound(DEFAULT_THRESHOLDS, 'green', Number.NaN)).toBe(DEFAULT_THRESHOLDS);
    expect(setClueBound(DEFAULT_THRESHOLDS, 'lowConfidence', -1).lowConfidence).toBe(0);
    expect(setClueBound(DEFAULT_THRESHOLDS, 'ambiguousMargin', 0.25).ambiguousMargin).toBe(0.25);
    expect(DEFAULT_THRESHOLDS.bands.lime).toBe(0.7);
  });
});
