/**
 * Number formatting shared by every renderer. Probabilities show as percentages with the precision
 * that matters (`99.6 %`, `0.2 %`, `< 0.1 %`, `> 99.9 %`); `null` (a provider sentinel: the token fell
 * below the reported top-k) shows as `nullText`, never as NaN.
 */
export function formatProbability(p: number | null, nullText = 'n/a'): string {
  if (p === null || !Number.isFinite(p)) return nullText;
  if (p >= 1) return '100 %';
  if (p <= 0) return '0 %';
  if (p >= 0.9995) return '> 99.9 %';
  if (p < 0.0005) return '< 0.1 %';
  return `${(p * 100).toFixed(1)} %`;
}

/** A natural-log probability with two significant digits below 1 in size (`-0.000035`), else 2 decimals. */
export function formatLogprob(lp: number | null, nullText = 'n/a'): string {
  if (lp === null || !Number.isFinite(lp)) return nullText;
  if (lp === 0) return '0';
  if (Math.abs(lp) >= 1) return lp.toFixed(2);
  const s = String(Number(lp.toPrecision(2)));
  return s.includes('e') ? lp.toExponential(1) : s;
}

/** A plain number (perplexity, margin) with `digits` decimals, or `nullText`. */
export function formatNumber(x: number | null, digits = 3, nullText = 'n/a'): string {
  if (x === null || !Number.isFinite(x)) return nullText;
  return x.toFixed(digits);
}

/** Entropy in bits: exact (`1.23 bits`), bounded (`0.12–0.50 bits`) or a lower bound (`≥ 0.12 bits`). */
export function formatEntropy(lower: number | null, upper: number | null, exact: boolean): string {
  if (lower === null || !Number.isFinite(lower)) return 'n/a';
  if (exact) return `${lower.toFixed(2)} bits`;
  if (upper !== null && Number.isFinite(upper)) return `${lower.toFixed(2)}–${upper.toFixed(2)} bits`;
  return `≥ ${lower.toFixed(2)} bits`;
}
