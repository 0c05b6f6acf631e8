/**
 * Isotonic regression by pool-adjacent-violators (PAV): the non-decreasing function of confidence
 * closest (least squares) to the 0/1 outcomes. Answers with equal confidence are pooled first.
 * Returns the knots of the fitted step function: each pooled block contributes its lowest and
 * highest confidence with the block's accuracy (see `applyCalibrationMap` for values between).
 * On the fitting data the fitted values keep the mean: Σ fitted = Σ outcomes.
 */
export function fitIsotonic(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
): { x: number[]; y: number[] } {
  const n = confidences.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => confidences[a]! - confidences[b]!);
  // Blocks as parallel stacks: sum of outcomes, weight, lowest and highest confidence.
  const sum: number[] = [];
  const weight: number[] = [];
  const xLo: number[] = [];
  const xHi: number[] = [];
  for (const i of order) {
    const c = confidences[i]!;
    const top = sum.length - 1;
    if (top >= 0 && xHi[top] === c) {
      sum[top]! += correct[i]!;
      weight[top]! += 1;
    } else {
      sum.push(correct[i]!);
      weight.push(1);
      xLo.push(c);
      xHi.push(c);
    }
    // Pool while the last block's mean is below the one before it.
    while (sum.length > 1) {
      const k = sum.length - 1;
      if (sum[k - 1]! / weight[k - 1]! <= sum[k]! / weight[k]!) break;
      sum[k - 1]! += sum[k]!;
      weight[k - 1]! += weight[k]!;
      xHi[k - 1] = xHi[k]!;
      sum.pop();
      weight.pop();
      xLo.pop();
      xHi.pop();
    }
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < sum.length; k++) {
    const value = sum[k]! / weight[k]!;
    x.push(xLo[k]!);
    y.push(value);
    if (xHi[k] !== xLo[k]) {
      x.push(xHi[k]!);
      y.push(value);
    }
  }
  return { x, y };
}
