import type { RunReview } from './Review.js';

/**
 * The decision in force on a sentence: the latest review with the sentence's index, provided it was
 * made on the same sentence (same start and text). A decision made on a sentence that now reads
 * differently (the sentence splitting changed) is not applied; it stays in the history.
 */
export function findReview(
  latest: readonly RunReview[],
  sentence: { index: number; charStart: number; text: string },
): RunReview | undefined {
  const review = latest.find((r) => r.sentence === sentence.index);
  if (review === undefined) return undefined;
  return review.charStart === sentence.charStart && review.text === sentence.text ? review : undefined;
}
