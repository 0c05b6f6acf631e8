/**
 * Temperature scaling of a binary confidence: the one scalar T > 0 that minimises the negative
 * log-likelihood of p' = σ(logit(p) / T) on the 0/1 outcomes. The NLL is convex in 1/T, hence
 * unimodal in ln T, so a golden-section search over ln T in [ln 0.01, ln 100] finds it. T > 1
 * softens an over-confident model, T < 1 sharpens an under-confident one. `atBound` says the
 * optimum lies at the edge of the search range (e.g. when confidence ranks the answers perfectly,
 * or inversely).
 */
import { logit, softplus } from './logit.js';

export const TEMPERATURE_RANGE = [0.01, 100] as const;

export function fitTemperature(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
): { temperature: number; atBound: boolean } {
  const n = confidences.length;
  const x = Float64Array.from({ length: n }, (_, i) => logit(confidences[i]!));
  const nll = (u: number): number => {
    const inv = Math.exp(-u);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = x[i]! * inv;
      sum += correct[i]! === 1 ? softplus(-z) : softplus(z);
    }
    return sum;
  };
  const golden = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(TEMPERATURE_RANGE[0]);
  let hi = Math.log(TEMPERATURE_RANGE[1]);
  let c = hi - golden * (hi - lo);
  let d = lo + golden * (hi - lo);
  let fc = nll(c);
  let fd = nll(d);
  for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
    if (fc <= fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - golden * (hi - lo);
      fc = nll(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + golden * (hi - lo);
      fd = nll(d);
    }
  }
  let u = (lo + hi) / 2;
  // Flat loss (every logit 0: all confidences 0.5): T does not matter; keep 1.
  if (nll(u) === nll(0)) u = 0;
  const temperature = Math.exp(u);
  const atBound =
    Math.abs(u - Math.log(TEMPERATURE_RANGE[0])) < 1e-6 ||
    Math.abs(u - Math.log(TEMPERATURE_RANGE[1])) < 1e-6;
  return { temperature, atBound };
}
