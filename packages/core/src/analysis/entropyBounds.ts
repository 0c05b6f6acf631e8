/**
 * Bounds on the entropy (in BITS) of a next-token distribution of which only some probabilities are
 * known (the reported top-k, plus the chosen token when it was not among them).
 *
 * With H_rep = -sum p_i log2 p_i over the known p_i and r = 1 - (their mass) the unreported mass:
 * - lower bound: H_rep + r * log2(1/c), where c bounds every unreported probability: each one is at
 *   most the smallest reported alternative and at most r, so -q log2 q >= q log2(1/c);
 * - upper bound (needs the vocabulary size V): H_rep + r * log2((V - k)/r), the unreported mass
 *   spread evenly over the V - k other tokens (0 when r = 0).
 */

export interface EntropyBounds {
  lower: number;
  /** Null when the vocabulary size is unknown. */
  upper: number | null;
}

/**
 * @param known probabilities known at this position (distinct tokens), each in 0..1
 * @param reportedMin smallest probability among the reported alternatives, or null when none
 * @param vocabSize vocabulary size, when known
 */
export function entropyBounds(
  known: readonly number[],
  reportedMin: number | null,
  vocabSize?: number,
): EntropyBounds {
  let mass = 0;
  let hRep = 0;
  for (const p of known) {
    mass += p;
    if (p > 0) hRep -= p * Math.log2(p);
  }
  return entropyBoundsOf(hRep, mass, known.length, reportedMin, vocabSize);
}

/**
 * `entropyBounds` from aggregates: `hRep` = -sum p log2 p and `mass` = sum p over the `count` known
 * probabilities (lets `analyzeToken` avoid building an array per token).
 */
export function entropyBoundsOf(
  hRep: number,
  mass: number,
  count: number,
  reportedMin: number | null,
  vocabSize?: number,
): EntropyBounds {
  const r = Math.max(0, 1 - mass);
  let lower = hRep;
  if (r > 0) {
    const cap = reportedMin === null ? r : Math.min(reportedMin, r);
    if (cap > 0 && cap < 1) lower += r * Math.log2(1 / cap);
  }
  let upper: number | null = null;
  if (vocabSize !== undefined && Number.isFinite(vocabSize) && vocabSize > 0) {
    const others = Math.max(1, vocabSize - count);
    upper = r > 0 ? hRep + r * Math.log2(others / r) : hRep;
    // Inconsistent inputs (a vocabulary smaller than the reported support) must not invert the bounds.
    if (upper < lower) upper = lower;
  }
  return { lower, upper };
}
