import { describe, expect, it } from 'vitest';
import { sentenceVerdict, VERDICT_LABEL } from './sentenceVerdict.js';

describe('sentenceVerdict', () => {
  it('publishes above -0.5, reviews below -1.5, checks in between (bounds included)', () => {
    expect(sentenceVerdict(-0.1)).toBe('publish');
    expect(sentenceVerdict(-0.5)).toBe('check');
    expect(sentenceVerdict(-1)).toBe('check');
    expect(sentenceVerdict(-1.5)).toBe('check');
    expect(sentenceVerdict(-1.51)).toBe('review');
    expect(sentenceVerdict(Number.NaN)).toBe('review');
  });
  it('words verdicts as the model’s confidence', () => {
    for (const label of Object.values(VERDICT_LABEL)) expect(label).toMatch(/model/);
  });
});
