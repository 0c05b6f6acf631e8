/** Confidence bands, from most to least confident. */
export const BANDS = ['green', 'lime', 'yellow', 'orange', 'red'] as const;
export type Band = (typeof BANDS)[number];

/** The token clues (seed 003). */
export const CLUES = ['low-confidence', 'ambiguous', 'not-top'] as const;
export type Clue = (typeof CLUES)[number];

/** Every threshold the analysis uses. All are probabilities in 0..1. */
export interface Thresholds {
  /** Lower bounds of the bands: p > green is green, p > lime is lime, ..., anything else red. */
  bands: { green: number; lime: number; yellow: number; orange: number };
  /** `low-confidence` when p(token) < this. */
  lowConfidence: number;
  /** `ambiguous` when p(top1) - p(top2) < this. */
  ambiguousMargin: number;
}

/** The seed's thresholds: bands at 90/70/50/30 %, low confidence below 10 %, ambiguous below a 0.15 margin. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  bands: { green: 0.9, lime: 0.7, yellow: 0.5, orange: 0.3 },
  lowConfidence: 0.1,
  ambiguousMargin: 0.15,
};
