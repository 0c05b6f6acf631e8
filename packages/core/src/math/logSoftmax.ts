import { logsumexp } from './logsumexp.js';

/**
 * Numerically stable log-softmax of `logits / temperature`: the natural-log probabilities of the
 * whole vocabulary. Works for logits of any magnitude (1e4 and beyond) because the maximum is
 * subtracted before exponentiating. `temperature` must be > 0 (use `argmax` for greedy decoding).
 */
export function logSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a finite number > 0, got ${temperature}`);
  }
  const scaled = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) scaled[i] = logits[i]! / temperature;
  const lse = logsumexp(scaled);
  for (let i = 0; i < scaled.length; i++) scaled[i] = scaled[i]! - lse;
  return scaled;
}
