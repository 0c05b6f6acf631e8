/**
 * How the X-ray and the review views show core's gate verdict on a sentence (`gate` in core decides;
 * nothing here re-implements it). The wording reads the model's confidence, never whether the
 * sentence is true.
 */
import { analyze, DEFAULT_GATE_THRESHOLDS, gate, type SentenceGate } from '@tokenscope/core';

/** The gate's two thresholds (mean logprob, natural log). */
export interface GateThresholds {
  publish: number;
  review: number;
}

/** Colour of a verdict: `check` is a publish verdict from the middle band (the model hesitated). */
export type VerdictTone = 'publish' | 'check' | 'review';

/** A sentence's verdict as shown: colour and short label. */
export function verdictDisplay(
  s: Pick<SentenceGate, 'verdict' | 'meanLogprob'>,
  thresholds: GateThresholds = DEFAULT_GATE_THRESHOLDS,
): { tone: VerdictTone; label: string } {
  if (s.meanLogprob === null) return { tone: 'review', label: 'review · no logprobs' };
  if (s.verdict === 'publish') {
    return s.meanLogprob > thresholds.publish
      ? { tone: 'publish', label: 'publish · model confident' }
      : { tone: 'check', label: 'publish · model hesitant' };
  }
  return s.meanLogprob < thresholds.review
    ? { tone: 'review', label: 'review · model unsure' }
    : { tone: 'review', label: 'review · weak fact' };
}

const EMPTY = analyze({
  format: 'openai-chat',
  completions: [{ index: 0, text: '', tokens: [], distribution: 'unknown', topK: 0 }],
});

/** Core's message when `gate` refuses these thresholds, or null when they are valid. */
export function gateThresholdsError(thresholds: GateThresholds): string | null {
  try {
    gate(EMPTY, thresholds);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
