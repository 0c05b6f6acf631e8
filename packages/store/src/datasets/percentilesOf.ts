/**
 * Percentiles (p10, p25, p50, p75, p90) of values given as counts per bucket (bucket b holds the
 * values in [b / perUnit, (b + 1) / perUnit)), interpolated linearly inside the bucket; null when
 * there are no values. Values are log probabilities: never above 0.
 */
export function percentilesOf(
  buckets: ReadonlyArray<{ bucket: number; count: number }>,
  perUnit: number,
): { p10: number; p25: number; p50: number; p75: number; p90: number } | null {
  const sorted = [...buckets].sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const at = (p: number): number => {
    const target = p * total;
    let before = 0;
    for (const { bucket, count } of sorted) {
      if (before + count >= target && count > 0) {
        const inside = (target - before) / count;
        return Math.min(0, (bucket + inside) / perUnit);
      }
      before += count;
    }
    const last = sorted[sorted.length - 1]!;
    return Math.min(0, (last.bucket + 1) / perUnit);
  };
  return { p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9) };
}
