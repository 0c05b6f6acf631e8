/**
 * The critical facts of a text that has no tokens (a sampled answer without logprobs): kind, text and
 * character range, found exactly as `findCriticalFacts` finds them in an analysed answer.
 */
import type { FactKind } from './Analysis.js';
import { findCriticalFacts } from './findCriticalFacts.js';

export interface TextFact {
  kind: FactKind;
  text: string;
  /** Character range [charStart, charEnd) in the text. */
  charStart: number;
  charEnd: number;
}

export function findFactsInText(text: string): TextFact[] {
  return findCriticalFacts(text, []).map(({ kind, text: factText, charStart, charEnd }) => ({
    kind,
    text: factText,
    charStart,
    charEnd,
  }));
}
