import type { BinScheme } from './assignBins.js';

/** One confidence bin of a reliability diagram. */
export interface CalibrationBin {
  /** Lower and upper bound: the bin's edges (`width`) or its lowest and highest confidence (`mass`). */
  lo: number;
  hi: number;
  /** Answers in the bin (a sum of weights under the bootstrap). */
  count: number;
  /** Mean confidence of its answers; null for an empty bin. */
  meanConfidence: number | null;
  /** Share of its answers that were correct; null for an empty bin. */
  accuracy: number | null;
}

/**
 * Mean confidence and accuracy per bin. Equal-width bins are all returned, empty ones with nulls;
 * equal-mass bins only when they hold answers.
 */
export function summarizeBins(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
  binOf: Int32Array,
  bins: number,
  scheme: BinScheme,
  weights?: ArrayLike<number>,
): CalibrationBin[] {
  const count = new Float64Array(bins);
  const sumConf = new Float64Array(bins);
  const sumCorrect = new Float64Array(bins);
  const lo = new Float64Array(bins).fill(Number.POSITIVE_INFINITY);
  const hi = new Float64Array(bins).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < confidences.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    const b = binOf[i]!;
    const c = confidences[i]!;
    count[b]! += w;
    sumConf[b]! += w * c;
    sumCorrect[b]! += w * correct[i]!;
    lo[b] = Math.min(lo[b]!, c);
    hi[b] = Math.max(hi[b]!, c);
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b]!;
    if (scheme === 'mass' && n === 0) continue;
    out.push({
      lo: scheme === 'width' ? b / bins : lo[b]!,
      hi: scheme === 'width' ? (b + 1) / bins : hi[b]!,
      count: n,
      meanConfidence: n === 0 ? null : sumConf[b]! / n,
      accuracy: n === 0 ? null : sumCorrect[b]! / n,
    });
  }
  return out;
}

/**
 * Expected calibration error Σ (n_b / n) |accuracy_b - confidence_b| and maximum calibration error
 * max |accuracy_b - confidence_b| over non-empty bins. Both in 0..1; 0 for no answers.
 */
export function calibrationErrors(bins: readonly CalibrationBin[]): { ece: number; mce: number } {
  let total = 0;
  let weighted = 0;
  let mce = 0;
  for (const bin of bins) {
    if (bin.count === 0 || bin.accuracy === null || bin.meanConfidence === null) continue;
    const gap = Math.abs(bin.accuracy - bin.meanConfidence);
    total += bin.count;
    weighted += bin.count * gap;
    mce = Math.max(mce, gap);
  }
  return { ece: total === 0 ? 0 : weighted / total, mce };
}
