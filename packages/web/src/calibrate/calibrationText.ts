import type { ReviewThreshold } from '@tokenscope/core';

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/**
 * The review threshold as one answer. Budget: `Flag 11.7 % of answers (confidence ≤ 0.63): catches
 * 54.1 % of errors (27 of 50), within a budget of 12 %.` Catch target: `To catch 80 % of errors, flag
 * 35 % of answers (confidence ≤ 0.81): catches 80.4 % of errors (41 of 51).`
 */
export function budgetSentence(review: ReviewThreshold, kind: 'budget' | 'catch'): string {
  const ask = kind === 'budget' ? `a budget of ${pct(review.target)}` : `${pct(review.target)} of errors`;
  if (review.errors === 0) return `No answer was wrong, so there is nothing to catch (${ask}).`;
  if (review.threshold === null) {
    return `No answer can be flagged within ${ask}: the least confident answers alone are more than that.`;
  }
  const flag = `${pct(review.flaggedShare)} of answers (confidence ≤ ${review.threshold.toFixed(2)})`;
  const caught = `catches ${pct(review.recall ?? 0)} of errors (${review.errorsCaught} of ${review.errors})`;
  return kind === 'budget'
    ? `Flag ${flag}: ${caught}, within ${ask}.`
    : `To catch ${ask}, flag ${flag}: ${caught}.`;
}

/** A data: URL of an SVG document, for an <img> (an image never runs scripts, whatever the SVG holds). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
