/**
 * The confidence band of a token probability p (0..1, not a logprob): p > green is green, p > lime
 * is lime, p > yellow is yellow, p > orange is orange, anything else (and an unknown p, which a
 * provider's sentinel means: below its top-k) is red.
 */
import type { Band, Thresholds } from './Thresholds.js';

export function bandOf(prob: number | null, thresholds: Thresholds): Band {
  if (prob === null || Number.isNaN(prob)) return 'red';
  const { green, lime, yellow, orange } = thresholds.bands;
  if (prob > green) return 'green';
  if (prob > lime) return 'lime';
  if (prob > yellow) return 'yellow';
  if (prob > orange) return 'orange';
  return 'red';
}
