/**
 * Bootstrap 95 % intervals of the ECE under both binnings: `replicates` times, draw n answers with
 * replacement (as integer weights on the sorted answers, so each replicate costs O(n)), recompute the
 * ECE, and take the 2.5th and 97.5th percentiles (linear interpolation between order statistics).
 * Seeded: the same seed gives the same interval.
 */
import { assignBins, type BinScheme } from './assignBins.js';
import type { SortedForecasts } from './calibrationMetrics.js';
import { seededRandom } from './seededRandom.js';
import { calibrationErrors, summarizeBins } from './summarizeBins.js';

export function bootstrapEce(
  data: SortedForecasts,
  bins: number,
  replicates: number,
  seed: number,
): Record<BinScheme, [number, number]> | null {
  const { confidences, correct } = data;
  const n = confidences.length;
  if (replicates <= 0 || n === 0) return null;
  const random = seededRandom(seed);
  const widthBins = assignBins(confidences, bins, 'width');
  const values: Record<BinScheme, Float64Array> = {
    width: new Float64Array(replicates),
    mass: new Float64Array(replicates),
  };
  const weights = new Float64Array(n);
  for (let r = 0; r < replicates; r++) {
    weights.fill(0);
    for (let k = 0; k < n; k++) weights[Math.floor(random() * n)]! += 1;
    values.width[r] = calibrationErrors(
      summarizeBins(confidences, correct, widthBins, bins, 'width', weights),
    ).ece;
    const massBins = assignBins(confidences, bins, 'mass', weights);
    values.mass[r] = calibrationErrors(
      summarizeBins(confidences, correct, massBins, bins, 'mass', weights),
    ).ece;
  }
  return { width: percentiles(values.width), mass: percentiles(values.mass) };
}

function percentiles(values: Float64Array): [number, number] {
  values.sort();
  return [quantile(values, 0.025), quantile(values, 0.975)];
}

function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}
