import { describe, expect, it } from 'vitest';
import { formatEntropy, formatLogprob, formatProbability } from './formatProbability.js';

describe('formatProbability', () => {
  it('uses the precision that matters', () => {
    expect(formatProbability(Math.exp(-0.004))).toBe('99.6 %');
    expect(formatProbability(Math.exp(-6.2))).toBe('0.2 %');
    expect(formatProbability(Math.exp(-11.4))).toBe('< 0.1 %');
    expect(formatProbability(Math.exp(-0.000035))).toBe('> 99.9 %');
    expect(formatProbability(1)).toBe('100 %');
    expect(formatProbability(0)).toBe('0 %');
  });

  it('shows sentinels as text, never NaN', () => {
    expect(formatProbability(null)).toBe('n/a');
    expect(formatProbability(null, '< top-k')).toBe('< top-k');
    expect(formatProbability(Number.NaN)).toBe('n/a');
    expect(formatLogprob(null)).toBe('n/a');
  });

  it('formats logprobs and entropy bounds', () => {
    expect(formatLogprob(-0.000035)).toBe('-0.000035');
    expect(formatLogprob(-0.004)).toBe('-0.004');
    expect(formatLogprob(-11.4)).toBe('-11.40');
    expect(formatLogprob(-1e-9)).toBe('-1.0e-9');
    expect(formatEntropy(0.5, null, true)).toBe('0.50 bits');
    expect(formatEntropy(0.5, null, false)).toBe('≥ 0.50 bits');
    expect(formatEntropy(0.5, 2, false)).toBe('0.50–2.00 bits');
  });
});
