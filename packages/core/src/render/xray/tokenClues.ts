import type { TokenAnalysis } from '../../analysis/Analysis.js';
import type { Band, Clue } from '../../analysis/Thresholds.js';
import { CLUE_MARKERS } from '../legend.js';

/** The class of each clue (its CSS draws an underline, so a clue never relies on colour alone). */
export const CLUE_CLASS: Readonly<Record<Clue, string>> = {
  'low-confidence': 'c-low',
  ambiguous: 'c-amb',
  'not-top': 'c-top',
};

/** The class of a band (its CSS gives the token the band's background). */
export function bandClass(band: Band): string {
  return `b-${band}`;
}

/**
 * The classes of a token in every X-ray view, each with `prefix` (`xr-` in the web app): `t`, its
 * band, one per clue, `f` when flagged, `special` for a special token, `ctl` for a control token
 * (e.g. `<|eot_id|>`), which the views show as a small marker (`controlMarker`) instead of text.
 */
export function tokenClasses(
  t: Pick<TokenAnalysis, 'band' | 'clues' | 'flagged' | 'special' | 'control'>,
  prefix = '',
): string[] {
  const cls = ['t', bandClass(t.band), ...t.clues.map((c) => CLUE_CLASS[c])];
  if (t.flagged) cls.push('f');
  if (t.special) cls.push('special');
  if (t.control) cls.push('ctl');
  return cls.map((c) => prefix + c);
}

/** The glyphs shown after a flagged token, one per clue: `↓≈↯` (the same in every view). */
export function markerGlyphs(clues: readonly Clue[]): string {
  return clues.map((c) => CLUE_MARKERS[c].glyph).join('');
}
