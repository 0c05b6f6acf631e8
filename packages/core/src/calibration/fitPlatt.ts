/**
 * Platt scaling: fits p' = σ(a · logit(p) + b) by maximum likelihood with Newton's method (with step
 * halving, so every step lowers the loss). As in Platt (1999), the 0/1 targets are smoothed to
 * (N₊ + 1) / (N₊ + 2) and 1 / (N₋ + 2), which keeps a and b finite when confidence separates right
 * from wrong answers perfectly. Starts from the identity (a = 1, b = 0).
 */
import { logit, sigmoid, softplus } from './logit.js';

export function fitPlatt(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
): { a: number; b: number } {
  const n = confidences.length;
  const x = Float64Array.from({ length: n }, (_, i) => logit(confidences[i]!));
  let positives = 0;
  for (let i = 0; i < n; i++) positives += correct[i]!;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (correct[i]! === 1 ? hi : lo));

  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * x[i]! + b;
      // -[t ln σ(z) + (1 - t) ln σ(-z)] = t·softplus(-z) + (1 - t)·softplus(z)
      sum += t[i]! * softplus(-z) + (1 - t[i]!) * softplus(z);
    }
    return sum;
  };

  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * x[i]! + b);
      const r = p - t[i]!;
      const w = p * (1 - p);
      ga += r * x[i]!;
      gb += r;
      haa += w * x[i]! * x[i]!;
      hab += w * x[i]!;
      hbb += w;
    }
    // A small relative ridge keeps the step finite when every answer has the same confidence (a and b
    // are then not separately identifiable; the gradient lies in the Hessian's range, so the ridge
    // does not move the fit along the flat direction).
    const ridge = 1e-10 * (haa + hbb) + 1e-300;
    haa += ridge;
    hbb += ridge;
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-10) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const improvement = current - next;
    current = next;
    if (improvement <= 1e-12 * Math.max(1, Math.abs(current))) break;
  }
  return { a, b };
}
