import type { AgreementUnit, ConsistencyAnalysis, FactAgreement } from './ConsistencyAnalysis.js';
import {
  carriesSentence,
  closestSentence,
  comparable,
  containmentForm,
  containsOnBoundary,
  wordsOf,
} from './compareText.js';
import { normalizeAnswer } from './normalizeAnswer.js';

/** What one other sample says where the shown answer says a sentence or fact. */
export interface SampleVersion {
  /** Index of the sample in `analysis.samples`. */
  sample: number;
  /** Whether this sample counts toward the unit's support. */
  carries: boolean;
  /**
   * Its version: the whole answer (short mode), else its sentence most like the unit's sentence
   * (empty when the sample has no text).
   */
  text: string;
}

/**
 * Every other sample's version of a sentence or fact of the shown answer, in sample order, with
 * whether it carries it, by the same comparison `analyzeConsistency` counted support with (so the
 * carrying versions plus the shown answer are the unit's `support`). What a view shows on hover.
 */
export function sampleVersions(
  analysis: ConsistencyAnalysis,
  unit: AgreementUnit | FactAgreement,
): SampleVersion[] {
  const isFact = 'kind' in unit;
  const sentence = isFact ? sentenceOf(analysis, unit) : unit;
  const words = wordsOf(sentence?.text ?? unit.text);
  const inside = isFact
    ? [containmentForm(unit.text)]
    : analysis.facts
        .filter((f) => f.charStart >= unit.charStart && f.charEnd <= unit.charEnd)
        .map((f) => containmentForm(f.text));
  const out: SampleVersion[] = [];
  analysis.samples.forEach((s, i) => {
    if (i === analysis.chosen) return;
    const other = comparable(s.text);
    if (analysis.mode === 'short' && !isFact) {
      out.push({
        sample: i,
        carries: normalizeAnswer(s.text) === normalizeAnswer(analysis.text),
        text: s.text.trim(),
      });
      return;
    }
    const carries = isFact
      ? containsOnBoundary(other.normalized, inside[0]!)
      : carriesSentence(words, inside, other);
    const text = analysis.mode === 'short' ? s.text.trim() : (closestSentence(words, other)?.text ?? '');
    out.push({ sample: i, carries, text });
  });
  return out;
}

/** The sentence of the shown answer that holds a fact (or undefined when none does). */
function sentenceOf(analysis: ConsistencyAnalysis, fact: FactAgreement): AgreementUnit | undefined {
  return analysis.sentences.find((s) => s.charStart <= fact.charStart && fact.charEnd <= s.charEnd);
}
