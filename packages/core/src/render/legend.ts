import type { Band, Clue, Thresholds } from '../analysis/Thresholds.js';
import { formatProbability } from './formatProbability.js';

/** Said once in every view, where the scores are read. */
export const DISCLAIMER = "Logprobs measure the model's confidence, not truth.";

/** A clue's marker: a single-width glyph safe in common terminals and fonts, and its meaning. */
export interface ClueMarker {
  glyph: string;
  label: string;
}

/** One marker per clue; shown after the flagged token in every view (never colour alone). */
export const CLUE_MARKERS: Record<Clue, ClueMarker> = {
  'low-confidence': { glyph: '↓', label: 'low confidence' },
  ambiguous: { glyph: '≈', label: 'ambiguous' },
  'not-top': { glyph: '↯', label: 'not the top choice' },
};

/** Opening and closing marks around low-confidence spans when colour is off. */
export const SPAN_MARKS = { open: '⟦', close: '⟧' } as const;

/** A threshold as a short percentage: `90 %`, `12.5 %`. */
function pct(x: number): string {
  return formatProbability(x).replace('.0 %', ' %');
}

/**
 * The range of a band under `thresholds`, e.g. `p > 90 %` or `50 % < p ≤ 70 %`; `symbol` names the
 * banded quantity (`p`, a token's probability, by default; `agreement` for sampling consistency,
 * which has no top-k to fall below).
 */
export function bandRange(band: Band, thresholds: Thresholds, symbol = 'p'): string {
  const b = thresholds.bands;
  const x = symbol;
  switch (band) {
    case 'green':
      return `${x} > ${pct(b.green)}`;
    case 'lime':
      return `${pct(b.lime)} < ${x} ≤ ${pct(b.green)}`;
    case 'yellow':
      return `${pct(b.yellow)} < ${x} ≤ ${pct(b.lime)}`;
    case 'orange':
      return `${pct(b.orange)} < ${x} ≤ ${pct(b.yellow)}`;
    case 'red':
      return `${x} ≤ ${pct(b.orange)}${x === 'p' ? ' or below the top-k' : ''}`;
  }
}

/** The rule behind a clue under `thresholds`, e.g. `p < 10 %`. */
export function clueRule(clue: Clue, thresholds: Thresholds): string {
  switch (clue) {
    case 'low-confidence':
      return `p < ${pct(thresholds.lowConfidence)}`;
    case 'ambiguous':
      return `top1 − top2 < ${pct(thresholds.ambiguousMargin)}`;
    case 'not-top':
      return 'sampled token was not the most likely';
  }
}
