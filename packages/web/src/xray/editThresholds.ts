import type { Thresholds } from '@tokenscope/core';

export type BandBound = keyof Thresholds['bands'];
const ORDER: BandBound[] = ['green', 'lime', 'yellow', 'orange'];

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** The smallest gap between two band bounds (core requires them strictly descending). */
export const BAND_GAP = 0.01;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The range a band bound can take so that the bands above and below still fit: green 0.03..1, orange 0..0.97. */
export function bandBoundRange(band: BandBound): { min: number; max: number } {
  const k = ORDER.indexOf(band);
  return { min: round((ORDER.length - 1 - k) * BAND_GAP), max: round(1 - k * BAND_GAP) };
}

/**
 * Thresholds with one band's lower bound set to `value` (clamped to `bandBoundRange`). The bands stay
 * strictly descending (green > lime > yellow > orange, at least BAND_GAP apart): a bound pushed
 * past its neighbours pushes them along.
 */
export function setBandBound(th: Thresholds, band: BandBound, value: number): Thresholds {
  if (!Number.isFinite(value)) return th;
  const { min, max } = bandBoundRange(band);
  const v = round(Math.max(min, Math.min(max, value)));
  const bands = { ...th.bands, [band]: v };
  const at = ORDER.indexOf(band);
  for (let i = at - 1; i >= 0; i--) {
    const k = ORDER[i]!;
    bands[k] = round(Math.max(bands[k], v + (at - i) * BAND_GAP));
  }
  for (let i = at + 1; i < ORDER.length; i++) {
    const k = ORDER[i]!;
    bands[k] = round(Math.min(bands[k], v - (i - at) * BAND_GAP));
  }
  return { ...th, bands };
}

/** Thresholds with the low-confidence bound or the ambiguous margin set (clamped to 0..1). */
export function setClueBound(
  th: Thresholds,
  key: 'lowConfidence' | 'ambiguousMargin',
  value: number,
): Thresholds {
  if (!Number.isFinite(value)) return th;
  return { ...th, [key]: clamp01(value) };
}
