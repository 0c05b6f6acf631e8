/**
 * Confidence gating (seed 001): a verdict per sentence from its mean token logprob (natural log).
 *
 * - mean logprob above `publish` (default -0.5, about 61 % mean token probability): publish;
 * - below `review` (default -1.5, about 22 %): review by a human;
 * - in between (both bounds included): review when the sentence holds a low-confidence critical fact
 *   (a name, title, number, amount, date, URL, e-mail or code: `FACT_KINDS`, with a token below the analysis's low-confidence threshold,
 *   or below the reported top-k), else publish;
 * - a sentence without any known token logprob (all below the reported top-k): review.
 *
 * The whole answer needs review when any sentence does. Logprobs measure the model's confidence,
 * not truth: a sentence the model was sure of can still be false.
 */
import type { Analysis, CriticalFact } from '../analysis/Analysis.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { formatProbability } from '../render/formatProbability.js';
import { formatMeanLogprob } from './formatMeanLogprob.js';

export const GATE_VERDICTS = ['publish', 'review'] as const;
export type GateVerdict = (typeof GATE_VERDICTS)[number];

/** The seed's thresholds: publish above a mean logprob of -0.5, review below -1.5. */
export const DEFAULT_GATE_THRESHOLDS = { publish: -0.5, review: -1.5 } as const;

export interface GateOptions {
  /** Publish a sentence whose mean logprob is above this (default -0.5). */
  publish?: number;
  /** Review a sentence whose mean logprob is below this (default -1.5). Must be below `publish`. */
  review?: number;
}

export interface SentenceGate {
  index: number;
  text: string;
  /** Token range [start, end) and character range [charStart, charEnd) in the response. */
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
  /** Mean token logprob; null when no token of the sentence has a known logprob. */
  meanLogprob: number | null;
  verdict: GateVerdict;
  /** Why, in one line: the comparison made and, in the middle band, the facts that decided. */
  reason: string;
  /** The sentence's critical facts that have a low-confidence token. */
  lowConfidenceFacts: CriticalFact[];
}

export interface GateResult {
  /** `review` when any sentence needs review. */
  verdict: GateVerdict;
  thresholds: { publish: number; review: number };
  sentences: SentenceGate[];
  counts: Record<GateVerdict, number>;
}

/**
 * The thresholds `options` ask for (core's defaults for those missing), checked: each a mean
 * logprob <= 0, publish above review. `InvalidOptionError` names the wrong one.
 */
export function resolveGateThresholds(options: GateOptions = {}): { publish: number; review: number } {
  const publish = options.publish ?? DEFAULT_GATE_THRESHOLDS.publish;
  const review = options.review ?? DEFAULT_GATE_THRESHOLDS.review;
  for (const [name, value] of [
    ['publish', publish],
    ['review', review],
  ] as const) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value <= 0)) {
      throw new InvalidOptionError(
        `${name} threshold`,
        `expected a mean logprob <= 0 (natural log), got ${value}`,
      );
    }
  }
  if (!(publish > review)) {
    throw new InvalidOptionError(
      'gate thresholds',
      `the publish threshold (${publish}) must be above the review threshold (${review}); e.g. publish -0.5, review -1.5`,
    );
  }
  return { publish, review };
}

export function gate(analysis: Analysis, options: GateOptions = {}): GateResult {
  const { publish, review } = resolveGateThresholds(options);
  const sentences = analysis.sentences.map((sentence, index): SentenceGate => {
    const mean = Number.isFinite(sentence.meanLogprob) ? sentence.meanLogprob : null;
    const facts = analysis.facts.filter(
      (fact) =>
        fact.charStart < sentence.charEnd &&
        fact.charEnd > sentence.charStart &&
        analysis.tokens.slice(fact.start, fact.end).some((t) => t.clues.includes('low-confidence')),
    );
    const [verdict, reason] = decide(mean, facts, publish, review);
    return {
      index,
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      charStart: sentence.charStart,
      charEnd: sentence.charEnd,
      meanLogprob: mean,
      verdict,
      reason,
      lowConfidenceFacts: facts,
    };
  });
  const counts = { publish: 0, review: 0 };
  for (const s of sentences) counts[s.verdict]++;
  return {
    verdict: counts.review > 0 ? 'review' : 'publish',
    thresholds: { publish, review },
    sentences,
    counts,
  };
}

function decide(
  mean: number | null,
  facts: CriticalFact[],
  publish: number,
  review: number,
): [GateVerdict, string] {
  if (mean === null) return ['review', 'no token logprob is known (all below the reported top-k)'];
  const lp = formatMeanLogprob(mean);
  if (mean > publish) return ['publish', `mean logprob ${lp} > ${publish}`];
  if (mean < review) return ['review', `mean logprob ${lp} < ${review}`];
  const between = `mean logprob ${lp} is between ${review} and ${publish}`;
  if (facts.length === 0) return ['publish', `${between}, no critical fact is low-confidence`];
  const listed = facts
    .map((f) => `${JSON.stringify(f.text)} (${f.kind}, ${formatProbability(f.minProb, 'below top-k')})`)
    .join(', ');
  return ['review', `${between}, low-confidence critical fact${facts.length === 1 ? '' : 's'} ${listed}`];
}
