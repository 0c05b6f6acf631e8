/** What one row of logits gives at a temperature, without materialising the whole distribution. */
export interface SoftmaxSummary {
  /** log-sum-exp of `logits / temperature`: log p(i) = logits[i] / temperature - logNormalizer. */
  logNormalizer: number;
  /** Exact entropy (nats) of softmax(logits / temperature). */
  entropy: number;
}

/**
 * The log-normaliser and entropy of softmax(logits / temperature) in two passes and one `exp` per
 * entry: the same stable computation as `logSoftmax` (the maximum is subtracted first), fused so a
 * 128k vocabulary costs no allocation. With e_i = exp(s_i - m) and S = sum e_i, the entropy is
 * log S - sum(e_i (s_i - m)) / S. Entries of -Infinity (masked tokens) have probability 0.
 */
export function softmaxSummary(logits: ArrayLike<number>, temperature: number): SoftmaxSummary {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) {
    const s = logits[i]! / temperature;
    if (s > max) max = s;
  }
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < logits.length; i++) {
    const d = logits[i]! / temperature - max;
    const e = Math.exp(d);
    if (e > 0) {
      sum += e;
      weighted += e * d;
    }
  }
  const logSum = Math.log(sum);
  return { logNormalizer: max + logSum, entropy: Math.max(0, logSum - weighted / sum) };
}
