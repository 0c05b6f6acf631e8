/** What the model's confidence in a sentence suggests doing with it (confidence, not truth). */
export type Verdict = 'publish' | 'check' | 'review';

/** Mean logprob above this: the model was confident (publish). */
export const PUBLISH_ABOVE = -0.5;
/** Mean logprob below this: the model was unsure (review). */
export const REVIEW_BELOW = -1.5;

/** publish above -0.5, review below -1.5, check in between (both bounds included in `check`). */
export function sentenceVerdict(meanLogprob: number): Verdict {
  if (!Number.isFinite(meanLogprob)) return 'review';
  if (meanLogprob > PUBLISH_ABOVE) return 'publish';
  if (meanLogprob < REVIEW_BELOW) return 'review';
  return 'check';
}

/** How the verdict is worded: it reads the model's confidence, never whether the sentence is true. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  publish: 'publish · model confident',
  check: 'check · model hesitant',
  review: 'review · model unsure',
};
