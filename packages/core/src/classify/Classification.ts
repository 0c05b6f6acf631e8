/**
 * Classification by label likelihood (seed 002): the probability of each full label as the
 * continuation of a prompt, the distribution over the labels, the margin between the top two and
 * whether to abstain (route to a human). JSON-friendly: plain objects, numbers and strings.
 */

import type { AnswerCount, ConsistencyCost, ConsistencySample } from '../consistency/ConsistencyAnalysis.js';

/**
 * How a label's probability was found.
 * - `exact`: every token of the label scored after the prompt (local models).
 * - `in-top-k`: from the first token's top-k (remote); only the first token is known.
 * - `below-top-k`: no first token of the label is in the top-k: its probability is somewhere in
 *   `[0, bounds.upper]`; the point estimate is 0.
 * - `ambiguous`: the label's first token is shared with another label (remote): the shared mass is
 *   split evenly, which may be wrong.
 * - `sampled`: the share of sampled answers that are the label (sampling consistency).
 */
export type LabelStatus = 'exact' | 'in-top-k' | 'below-top-k' | 'ambiguous' | 'sampled';

/** One label's result. */
export interface LabelProbability {
  label: string;
  /** Share of the labels' total: the distribution over the labels (sums to 1). */
  probability: number;
  /**
   * Unnormalised probability of the label given the prompt: exact, or (remote) the first token's
   * estimate. Labels' raw probabilities need not sum to 1: the model may prefer something else.
   */
  rawProbability: number;
  /** Natural log of `rawProbability` (null when it is 0). */
  logprob: number | null;
  /** Where the raw probability may lie: equal to it when exact. */
  bounds: { lower: number; upper: number };
  status: LabelStatus;
  /** Tokens of the label's continuation (exact scoring). */
  tokenCount?: number;
  /** Other labels with the same first token (remote). */
  sharesFirstTokenWith?: string[];
  /** Sampled answers that are this label (sampling). */
  samples?: number;
}

/** How a sampling classification was made: what `method: 'sampling'` results carry. */
export interface ClassificationSampling {
  /** The sampled answers as the model gave them, the temperature they were drawn at, what they cost. */
  samples: ConsistencySample[];
  temperature: number;
  cost: ConsistencyCost;
  /** The distinct normalised answers and their counts, most common first (labels and others). */
  answers: AnswerCount[];
}

/** The classification of one text. */
export interface Classification {
  /**
   * `exact`: every label scored in full (local); `first-token`: from the first token's top-k (remote);
   * `sampling`: the share of N sampled answers that are each label (where logprobs are refused, or on
   * request): then `probability` and `rawProbability` are that share of all samples (the agreement),
   * and they sum to `labelMass`, below 1 when some answers are no label.
   */
  method: 'exact' | 'first-token' | 'sampling';
  /** One entry per label, in the order given. */
  labels: LabelProbability[];
  /** The label with the highest probability (ties: the first given). */
  top: string;
  /** The second most probable label. */
  runnerUp: string;
  /** `probability(top) − probability(runnerUp)`, in 0..1. */
  margin: number;
  /** The margin below which the classifier abstains. */
  minMargin: number;
  /** True when `margin < minMargin`: route the text to a human. */
  abstain: boolean;
  /** The decision: `top`, or null when abstaining. */
  label: string | null;
  /** Sum of the labels' raw probabilities: how much of the model's belief the labels hold. */
  labelMass: number;
  /** Remote: probability mass outside the reported top-k (the model's other first tokens). */
  unaccountedMass?: number;
  /** Remote: top-k mass on first tokens that start no label. */
  offLabelMass?: number;
  /** Caveats in words (ambiguous first tokens, labels below the top-k, merged token boundaries). */
  notes: string[];
  /** `method: 'sampling'`: the samples behind the agreements. */
  sampling?: ClassificationSampling;
}

/** Default `minMargin`: abstain when the top two labels are closer than 0.2 in probability. */
export const DEFAULT_MIN_MARGIN = 0.2;
