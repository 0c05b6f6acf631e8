import { describe, expect, it } from 'vitest';
import { analyzeConsistency } from './analyzeConsistency.js';
import { consistencyLabel } from './consistencyLabel.js';

const texts = (...t: string[]) => t.map((text) => ({ text }));

describe('consistencyLabel', () => {
  it('names the samples, the temperature, the agreement and the cost', () => {
    const a = analyzeConsistency(texts('Paris', 'Paris', 'Lyon'), {
      temperature: 0.7,
      cost: { requests: 3, promptTokens: 30, completionTokens: 6, ms: 1500 },
    });
    expect(a).not.toHaveProperty('reference');
    expect(consistencyLabel(a)).toBe(
      'sampling-based confidence: 3 samples at temperature 0.7, agreement of the answers; 3 requests, 36 tokens, 1.5 s',
    );
  });

  it('does not count the answer generated with logprobs as a sample (confidence both)', () => {
    const a = analyzeConsistency(texts('Paris', 'Paris', 'Lyon', 'Paris'), {
      temperature: 0.7,
      cost: { requests: 3, ms: 900 },
      reference: true,
    });
    expect(a.reference).toBe(true);
    expect(a.samples).toHaveLength(4);
    expect(consistencyLabel(a)).toBe(
      'sampling-based confidence: 3 samples at temperature 0.7 and the answer generated with logprobs, agreement of the answers; 3 requests, tokens not reported, 0.9 s',
    );
  });
});
