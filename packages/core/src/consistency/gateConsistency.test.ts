import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { analyzeConsistency } from './analyzeConsistency.js';
import { gateConsistency } from './gateConsistency.js';

const cost = { requests: 5 };
const texts = (...t: string[]) => t.map((text) => ({ text }));

describe('gateConsistency', () => {
  it('publishes when every sentence is carried by at least 80 % of the samples', () => {
    const a = analyzeConsistency(texts('Paris', 'Paris', 'paris.', 'Paris', 'Lyon'), {
      temperature: 0.7,
      cost,
    });
    const g = gateConsistency(a);
    expect(g.verdict).toBe('publish');
    expect(g.sentences).toHaveLength(1);
    expect(g.sentences[0]).toMatchObject({ support: 4, agreement: 0.8, verdict: 'publish' });
    expect(g.sentences[0]?.reason).toBe('agreement 80.0 % (4/5 samples) >= 80.0 %');
    expect(g.reason).toBe('every sentence is carried by at least 80.0 % of 5 samples');
  });

  it('reviews when a sentence falls below, naming the weakest; the threshold is an option', () => {
    const a = analyzeConsistency(texts('Paris', 'Lyon', 'paris', 'Nice', 'Paris'), {
      temperature: 0.7,
      cost,
    });
    const g = gateConsistency(a);
    expect(g.verdict).toBe('review');
    expect(g.counts).toEqual({ publish: 0, review: 1 });
    expect(g.reason).toBe('1 of 1 sentence below 80.0 % agreement; lowest 60.0 % (3/5 samples)');
    expect(gateConsistency(a, { publish: 0.6 }).verdict).toBe('publish');
  });

  it('reviews an empty answer, and refuses a threshold outside (0, 1]', () => {
    const empty = analyzeConsistency(texts('', ''), { temperature: 0.7, cost: { requests: 2 } });
    expect(gateConsistency(empty)).toMatchObject({ verdict: 'review', sentences: [] });
    expect(() => gateConsistency(empty, { publish: 0 })).toThrow(InvalidOptionError);
    expect(() => gateConsistency(empty, { publish: 1.5 })).toThrow(/expected an agreement between 0/);
  });
});
