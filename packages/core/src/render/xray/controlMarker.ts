import type { Summary, TokenAnalysis } from '../../analysis/Analysis.js';

/** What a control token's marker means, for legends and screen readers (the same in every view). */
export const CONTROL_MARKER_LABEL = 'control token (end of turn, end of text, ...): not part of the text';

/** A control token's name as the provider sent it (`<|eot_id|>`), or `control token` when it sent none. */
export function controlName(t: Pick<TokenAnalysis, 'rawText'>): string {
  return t.rawText ?? 'control token';
}

/**
 * The small marker an X-ray shows in place of a control token, in every view: its name without the
 * brackets in `⟨…⟩` (`<|eot_id|>` → `⟨eot_id⟩`, `</s>` → `⟨/s⟩`), `⟨control⟩` without a name.
 */
export function controlMarker(t: Pick<TokenAnalysis, 'rawText'>): string {
  const name = t.rawText?.replace(/^<[|｜]?|[|｜]?>$/g, '').trim();
  return `⟨${name ? name : 'control'}⟩`;
}

/** After a token count, in every view: ` (+1 control token, not counted)`, or '' when there is none. */
export function controlNote(s: Pick<Summary, 'controlTokens' | 'countsControlTokens'>): string {
  if (s.controlTokens === 0) return '';
  const n = `${s.controlTokens} control token${s.controlTokens === 1 ? '' : 's'}`;
  return s.countsControlTokens ? ` (${n} counted)` : ` (+${n}, not counted)`;
}
