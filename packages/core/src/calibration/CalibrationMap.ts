import { logit, sigmoid } from './logit.js';

/**
 * A fitted map from a raw confidence to a calibrated one.
 * - `platt`: σ(a · logit(p) + b), logistic regression on the log-odds (Platt 1999).
 * - `temperature`: σ(logit(p) / T), one scalar (Guo et al. 2017) applied to a binary confidence.
 * - `isotonic`: a non-decreasing step function fitted by pool-adjacent-violators; between the fitted
 *   knots `x` (ascending) it interpolates linearly, outside them it is constant.
 */
export type CalibrationMap =
  | { kind: 'platt'; a: number; b: number }
  | { kind: 'temperature'; temperature: number }
  | { kind: 'isotonic'; x: number[]; y: number[] };

export const CALIBRATION_MAP_KINDS = ['platt', 'isotonic', 'temperature'] as const;

export function applyCalibrationMap(map: CalibrationMap, p: number): number {
  switch (map.kind) {
    case 'platt':
      return sigmoid(map.a * logit(p) + map.b);
    case 'temperature':
      return sigmoid(logit(p) / map.temperature);
    case 'isotonic':
      return interpolate(map.x, map.y, p);
  }
}

function interpolate(xs: readonly number[], ys: readonly number[], p: number): number {
  const n = xs.length;
  if (n === 0) return p;
  if (p <= xs[0]!) return ys[0]!;
  if (p >= xs[n - 1]!) return ys[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= p) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo]!;
  const x1 = xs[hi]!;
  if (x1 === x0) return ys[hi]!;
  return ys[lo]! + ((ys[hi]! - ys[lo]!) * (p - x0)) / (x1 - x0);
}
