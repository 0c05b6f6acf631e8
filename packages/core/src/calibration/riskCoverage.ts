/**
 * Selective prediction: accept the answers whose confidence is at least a threshold, reject (send to
 * a human) the rest. Sorting answers by confidence, highest first, and accepting the top k gives
 * coverage k/n and risk (errors among the accepted) / k.
 *
 * - `points`: one point per distinct confidence (answers with equal confidence are accepted
 *   together): `threshold` (accept when confidence >= threshold), coverage, risk, accepted count.
 * - `aurc`: area under the risk-coverage curve, (1/n) Σ_{k=1..n} risk(k). Inside a run of equal
 *   confidences the errors are spread evenly (the expectation over every order of the tie), so the
 *   area does not depend on row order.
 * - `prr`: prediction-rejection ratio (Malinin et al. 2019) on the same curve:
 *   (AURC_random - AURC) / (AURC_random - AURC_oracle), where a random order has risk = error rate
 *   at every coverage and the oracle accepts every correct answer first. 1 = perfect ranking,
 *   0 = no better than random, negative = worse. Null when all answers are right or all wrong.
 */
export interface RiskCoveragePoint {
  threshold: number;
  coverage: number;
  risk: number;
  accepted: number;
}

export interface RiskCoverage {
  points: RiskCoveragePoint[];
  aurc: number;
  /** AURC of the oracle ranking (the best possible for these outcomes). */
  aurcOracle: number;
  prr: number | null;
}

export function riskCoverage(confidences: ArrayLike<number>, correct: ArrayLike<number>): RiskCoverage {
  const n = confidences.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => confidences[b]! - confidences[a]!);
  const points: RiskCoveragePoint[] = [];
  let accepted = 0;
  let errors = 0;
  let area = 0;
  let i = 0;
  while (i < n) {
    const threshold = confidences[order[i]!]!;
    let j = i;
    let groupErrors = 0;
    while (j < n && confidences[order[j]!] === threshold) {
      groupErrors += 1 - correct[order[j]!]!;
      j++;
    }
    const size = j - i;
    for (let t = 1; t <= size; t++) area += (errors + (t * groupErrors) / size) / (accepted + t);
    accepted += size;
    errors += groupErrors;
    points.push({ threshold, coverage: accepted / n, risk: errors / accepted, accepted });
    i = j;
  }
  const aurc = n === 0 ? 0 : area / n;
  const aurcOracle = oracleAurc(n, errors);
  const random = n === 0 ? 0 : errors / n;
  const prr = errors === 0 || errors === n ? null : (random - aurc) / (random - aurcOracle);
  return { points, aurc, aurcOracle, prr };
}

/** AURC when all n - errors correct answers come first: risk 0, then (k - correct) / k. */
function oracleAurc(n: number, errors: number): number {
  if (n === 0) return 0;
  const correct = n - errors;
  let area = 0;
  for (let k = correct + 1; k <= n; k++) area += (k - correct) / k;
  return area / n;
}
