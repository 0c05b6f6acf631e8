import { describe, expect, it } from 'vitest';
import { parseStoredGateThresholds } from './storedGateThresholds.js';

describe('parseStoredGateThresholds', () => {
  it('reads valid thresholds and falls back to the defaults otherwise', () => {
    expect(parseStoredGateThresholds('{"publish":-0.3,"review":-2}')).toEqual({ publish: -0.3, review: -2 });
    for (const text of [
      null,
      '',
      '{',
      '[]',
      '{"publish":-2,"review":-1}',
      '{"publish":"x","review":-1}',
      '{"publish":1,"review":-1}',
    ]) {
      expect(parseStoredGateThresholds(text), String(text)).toEqual({ publish: -0.5, review: -1.5 });
    }
  });
});
