import { DEFAULT_THRESHOLDS } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { parseStoredThresholds } from './storedThresholds';

describe('parseStoredThresholds', () => {
  it('reads saved thresholds and fills missing ones from the defaults', () => {
    expect(parseStoredThresholds('{"bands":{"green":0.95},"lowConfidence":0.2}')).toEqual({
      ...DEFAULT_THRESHOLDS,
      bands: { ...DEFAULT_THRESHOLDS.bands, green: 0.95 },
      lowConfidence: 0.2,
    });
  });

  it('falls back to the defaults for nothing, bad JSON, out-of-range or unordered values', () => {
    for (const text of [
      null,
      '',
      '{',
      '"x"',
      '{"lowConfidence":2}',
      '{"bands":{"green":0.1,"lime":0.5}}',
      '{"ambiguousMargin":"a"}',
    ]) {
      expect(parseStoredThresholds(text)).toEqual(DEFAULT_THRESHOLDS);
    }
  });
});
