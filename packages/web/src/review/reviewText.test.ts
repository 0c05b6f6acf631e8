import { describe, expect, it } from 'vitest';
import { decisionLabel, describeFacts, queueHeadline } from './reviewText';

describe('review wording', () => {
  it('names decisions', () => {
    expect(['approved', 'rejected', 'edited'].map((d) => decisionLabel(d as 'approved'))).toEqual([
      'Approved',
      'Rejected',
      'Edited',
    ]);
  });
  it('lists low-confidence facts with their probability', () => {
    expect(
      describeFacts([
        { kind: 'date', text: '1889', minProb: Math.exp(-3), meanLogprob: -3 },
        { kind: 'name', text: 'Lily', minProb: null, meanLogprob: null },
      ]),
    ).toBe('date “1889” (5.0 %) · name “Lily” (n/a)');
    expect(describeFacts([])).toBe('');
  });
  it('says how much of the history the queue covers', () => {
    expect(queueHeadline(3, 2, 50, 120)).toBe(
      '3 sentences wait for review in 2 runs (newest 50 of 120 runs scanned).',
    );
    expect(queueHeadline(1, 1, 4, 4)).toBe('1 sentence waits for review in 1 run (all 4 runs scanned).');
    expect(queueHeadline(0, 0, 1, 1)).toBe('Nothing waits for review (all 1 run scanned).');
  });
});
