import { formatLogprob } from '../render/formatProbability.js';

/**
 * A sentence's mean logprob with enough digits to compare it with a threshold: three decimals
 * (`-0.503`, so it never prints as the `-0.5` it is being compared with), two significant digits
 * when smaller than 0.01 in size (`-0.0014`); `n/a` for null.
 */
export function formatMeanLogprob(lp: number | null): string {
  if (lp === null || !Number.isFinite(lp)) return 'n/a';
  return Math.abs(lp) >= 0.01 ? lp.toFixed(3) : formatLogprob(lp);
}
