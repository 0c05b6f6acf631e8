import { describe, expect, it } from 'vitest';
import { findReview, type RunReview } from '../index.js';

const review = (sentence: number, text: string, charStart: number, id = sentence): RunReview => ({
  id,
  runId: 'r_1',
  sentence,
  charStart,
  charEnd: charStart + text.length,
  text,
  decision: 'approved',
  decidedAt: '2026-01-01T00:00:00.000Z',
});

describe('findReview', () => {
  const latest = [review(0, 'Paris is the capital.', 0), review(2, 'It was built in 1889.', 40)];
  it('finds the decision made on the same sentence', () => {
    expect(findReview(latest, { index: 2, charStart: 40, text: 'It was built in 1889.' })).toBe(latest[1]);
  });
  it('has none for an undecided sentence', () => {
    expect(findReview(latest, { index: 1, charStart: 22, text: 'The tower is tall.' })).toBeUndefined();
  });
  it('ignores a decision made on a sentence that now reads differently or starts elsewhere', () => {
    expect(findReview(latest, { index: 2, charStart: 40, text: 'It was built in 1890.' })).toBeUndefined();
    expect(findReview(latest, { index: 0, charStart: 1, text: 'Paris is the capital.' })).toBeUndefined();
  });
});
