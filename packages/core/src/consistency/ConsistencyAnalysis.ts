import type { FactKind } from '../analysis/Analysis.js';
import type { Band } from '../analysis/Thresholds.js';

/**
 * Confidence from sampling consistency: the same request sent N times at a temperature of at least
 * 0.7, and the answers compared. Used where an endpoint refuses or ignores logprobs (reasoning
 * models, several hosted APIs), or on request beside logprobs. Agreement measures how stable the
 * model's answer is, not whether it is true: a model can repeat the same wrong fact five times.
 */

/** How many answers sampling consistency compares: 5 unless asked, from 2 (one comparison) to 50. */
export const DEFAULT_SAMPLES = 5;
export const MIN_SAMPLES = 2;
export const MAX_SAMPLES = 50;

/** Which signal a confidence comes from: token logprobs, sampling agreement, or both side by side. */
export const CONFIDENCE_SIGNALS = ['logprobs', 'consistency', 'both'] as const;
export type ConfidenceSignal = (typeof CONFIDENCE_SIGNALS)[number];

/** How the answers are compared: whole normalised answers (short answers, labels), or per sentence and fact. */
export type ConsistencyMode = 'short' | 'long';

/** One sampled answer, as the endpoint returned it. */
export interface ConsistencySample {
  text: string;
  /** Why generation stopped (`stop`, `length`, ...), as the provider said. */
  finishReason?: string;
}

/** What the samples cost: every request is a full generation. */
export interface ConsistencyCost {
  /** Requests sent (one per sample unless the API returned several choices per request). */
  requests: number;
  /** Prompt and completion tokens over all samples, when the API reported usage. */
  promptTokens?: number;
  completionTokens?: number;
  /** Wall-clock milliseconds for all samples. */
  ms?: number;
}

/** A sentence or fact of the shown answer, with how many samples carry it. */
export interface AgreementUnit {
  text: string;
  /** Character range [charStart, charEnd) in the shown answer. */
  charStart: number;
  charEnd: number;
  /** Samples that carry it, the shown answer included (so at least 1). */
  support: number;
  /** support / samples, in 0..1. */
  agreement: number;
  /** The agreement's band on the same scale as token probabilities (green > 90 %, ...). */
  band: Band;
}

/** A critical fact of the shown answer, with how many samples carry the same fact. */
export interface FactAgreement extends AgreementUnit {
  kind: FactKind;
}

/** A distinct normalised answer and how many samples gave it (short mode). */
export interface AnswerCount {
  /** The normalised answer (what was compared). */
  answer: string;
  /** The first sample's text that normalised to it (what is shown). */
  text: string;
  count: number;
}

/** The result of comparing N sampled answers: what every renderer and the run store take. */
export interface ConsistencyAnalysis {
  method: 'sampling';
  mode: ConsistencyMode;
  /** Every sample, in the order it came. */
  samples: ConsistencySample[];
  /**
   * Index of the sample shown as the answer: the most common answer (short), the sample the others
   * carry best (long; the reference when there is one).
   */
  chosen: number;
  /** The shown answer: `samples[chosen].text`. */
  text: string;
  /** The answer's confidence, 0..1: the share of samples giving it (short), the mean sentence agreement (long). */
  agreement: number;
  band: Band;
  /** The lowest sentence agreement (long); equals `agreement` in short mode. */
  minAgreement: number;
  /** Short mode: the distinct answers, most common first. Empty in long mode. */
  answers: AnswerCount[];
  /** Long mode: the shown answer's sentences. Short mode: one unit, the whole answer. */
  sentences: AgreementUnit[];
  /** The shown answer's critical facts and how many samples carry each. */
  facts: FactAgreement[];
  /** The temperature the samples were drawn at. */
  temperature: number;
  cost: ConsistencyCost;
  /**
   * Set when `samples[0]` is no sample but the answer generated with logprobs (confidence `both`),
   * compared with the `samples.length - 1` samples drawn at `temperature`: labels say so.
   */
  reference?: true;
}
