import { DEFAULT_THRESHOLDS, type RunSummary } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { formatPercent, formatRelativeTime, summaryBand } from './format';

describe('format', () => {
  it('formats probabilities, tiny ones and missing ones', () => {
    expect(formatPercent(0.9342)).toBe('93.4 %');
    expect(formatPercent(0.00001)).toBe('< 0.1 %');
    expect(formatPercent(0)).toBe('0.0 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('bands a run by its geometric mean probability, and an empty run red', () => {
    const summary = { tokens: 5, meanLogprob: Math.log(0.95) } as RunSummary;
    expect(summaryBand(summary, DEFAULT_THRESHOLDS)).toBe('green');
    expect(summaryBand({ ...summary, meanLogprob: Math.log(0.6) }, DEFAULT_THRESHOLDS)).toBe('yellow');
    expect(summaryBand({ ...summary, tokens: 0 }, DEFAULT_THRESHOLDS)).toBe('red');
  });

  it('says how long ago a time was', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    expect(formatRelativeTime('2025-06-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelativeTime('2025-06-01T11:30:00Z', now)).toBe('30 min ago');
    expect(formatRelativeTime('2025-06-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelativeTime('2025-05-31T09:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
  });
});
