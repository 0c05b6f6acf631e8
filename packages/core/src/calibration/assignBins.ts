/**
 * Puts each answer in a confidence bin. `confidences` must be sorted ascending; `weights` (optional,
 * default 1 each) lets a bootstrap replicate count an answer several times or not at all.
 *
 * - `width`: k equal-width bins [0, 1/k), [1/k, 2/k), ..., [(k-1)/k, 1] (the last one closed).
 * - `mass`: k bins holding about the same number of answers. Answers with the same confidence always
 *   share a bin (so the result does not depend on row order): a run of equal confidences goes to bin
 *   floor(k · (weight before it) / (total weight)). Some bins may be empty when ties are large.
 */
export type BinScheme = 'width' | 'mass';

export function assignBins(
  confidences: ArrayLike<number>,
  bins: number,
  scheme: BinScheme,
  weights?: ArrayLike<number>,
): Int32Array {
  const n = confidences.length;
  const out = new Int32Array(n);
  if (scheme === 'width') {
    for (let i = 0; i < n; i++) out[i] = Math.min(bins - 1, Math.floor(confidences[i]! * bins));
    return out;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += weights === undefined ? 1 : weights[i]!;
  let before = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let groupWeight = 0;
    while (j < n && confidences[j] === confidences[i]) {
      groupWeight += weights === undefined ? 1 : weights[j]!;
      j++;
    }
    const bin = total === 0 ? 0 : Math.min(bins - 1, Math.floor((bins * before) / total));
    out.fill(bin, i, j);
    before += groupWeight;
    i = j;
  }
  return out;
}
