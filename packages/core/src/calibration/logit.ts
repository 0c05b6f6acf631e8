/**
 * Log-odds helpers shared by the fitted calibration maps and log loss. Probabilities are clipped to
 * [CLIP_EPSILON, 1 - CLIP_EPSILON] before a log, so a confidence of exactly 0 or 1 costs a large but
 * finite amount (-ln 1e-15 ≈ 34.5 nats) instead of infinity.
 */

/** Clip bound for probabilities before a log: 1e-15, as scikit-learn's log loss used. */
export const CLIP_EPSILON = 1e-15;

/** `p` clipped to [eps, 1 - eps]. */
export function clipProbability(p: number, eps = CLIP_EPSILON): number {
  return Math.min(1 - eps, Math.max(eps, p));
}

/** ln(p / (1 - p)) of the clipped probability. */
export function logit(p: number): number {
  const q = clipProbability(p);
  return Math.log(q) - Math.log1p(-q);
}

/** 1 / (1 + e^-z), without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln(1 + e^z), stable for any z. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
