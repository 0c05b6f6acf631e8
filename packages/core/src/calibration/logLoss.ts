import { CLIP_EPSILON, clipProbability } from './logit.js';

/**
 * Mean negative log-likelihood in nats: -(1/n) Σ [o_i ln f_i + (1 - o_i) ln(1 - f_i)], with each
 * forecast clipped to [eps, 1 - eps] (eps = 1e-15 by default), so a confident wrong answer costs
 * at most -ln(1e-15) ≈ 34.5 nats instead of infinity. 0 for no answers.
 */
export function logLoss(
  forecasts: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  eps = CLIP_EPSILON,
): number {
  const n = forecasts.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = clipProbability(forecasts[i]!, eps);
    sum += outcomes[i]! === 1 ? Math.log(f) : Math.log1p(-f);
  }
  return -sum / n;
}
