/**
 * Brier score and its Murphy decomposition over bins (Murphy 1973; the two within-bin terms are
 * Stephenson, Coelho & Jolliffe 2008). With n answers, forecasts f_i, outcomes o_i in {0, 1}, bins k
 * of n_k answers with mean forecast f̄_k and accuracy ō_k, and overall accuracy ō:
 *
 *   BS  = (1/n) Σ_i (f_i - o_i)²
 *   REL = (1/n) Σ_k n_k (f̄_k - ō_k)²              reliability (lower is better)
 *   RES = (1/n) Σ_k n_k (ō_k - ō)²                 resolution (higher is better)
 *   UNC = ō (1 - ō)                                uncertainty (of the outcomes alone)
 *   WBV = (1/n) Σ_k Σ_{i∈k} (f_i - f̄_k)²          within-bin variance of the forecasts
 *   WBC = (2/n) Σ_k Σ_{i∈k} (o_i - ō_k)(f_i - f̄_k) within-bin covariance
 *
 * and BS = REL - RES + UNC + WBV - WBC holds exactly for any binning. When the forecasts are
 * constant within each bin, WBV = WBC = 0 and the classic identity BS = REL - RES + UNC holds.
 * (Derivation: write f_i = f̄_k + d_i; Σ_{i∈k} (f̄_k - o_i)² = n_k (f̄_k - ō_k)² + n_k ō_k (1 - ō_k),
 * and Σ_k n_k ō_k (1 - ō_k) = n ō (1 - ō) - Σ_k n_k (ō_k - ō)² for 0/1 outcomes.)
 */
export interface BrierDecomposition {
  score: number;
  reliability: number;
  resolution: number;
  uncertainty: number;
  withinBinVariance: number;
  withinBinCovariance: number;
}

export function brierScore(
  forecasts: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  binOf: Int32Array,
  bins: number,
): BrierDecomposition {
  const n = forecasts.length;
  const count = new Float64Array(bins);
  const sumF = new Float64Array(bins);
  const sumO = new Float64Array(bins);
  let score = 0;
  let sumAll = 0;
  for (let i = 0; i < n; i++) {
    const f = forecasts[i]!;
    const o = outcomes[i]!;
    const b = binOf[i]!;
    score += (f - o) ** 2;
    sumAll += o;
    count[b]! += 1;
    sumF[b]! += f;
    sumO[b]! += o;
  }
  if (n === 0) {
    return {
      score: 0,
      reliability: 0,
      resolution: 0,
      uncertainty: 0,
      withinBinVariance: 0,
      withinBinCovariance: 0,
    };
  }
  const base = sumAll / n;
  let reliability = 0;
  let resolution = 0;
  for (let b = 0; b < bins; b++) {
    const m = count[b]!;
    if (m === 0) continue;
    reliability += m * (sumF[b]! / m - sumO[b]! / m) ** 2;
    resolution += m * (sumO[b]! / m - base) ** 2;
  }
  let variance = 0;
  let covariance = 0;
  for (let i = 0; i < n; i++) {
    const b = binOf[i]!;
    const d = forecasts[i]! - sumF[b]! / count[b]!;
    variance += d * d;
    covariance += (outcomes[i]! - sumO[b]! / count[b]!) * d;
  }
  return {
    score: score / n,
    reliability: reliability / n,
    resolution: resolution / n,
    uncertainty: base * (1 - base),
    withinBinVariance: variance / n,
    withinBinCovariance: (2 * covariance) / n,
  };
}
