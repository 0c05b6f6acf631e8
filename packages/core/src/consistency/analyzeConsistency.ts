/**
 * Compares N sampled answers to the same request (seed: sampling consistency where logprobs are
 * refused). Short answers and labels: exact match after `normalizeAnswer`; the most common answer is
 * shown and its share of the samples is the confidence. Long answers: the sample the others carry
 * best is shown (the highest mean sentence agreement, the first on a tie; with `reference`, the
 * first), and each of its sentences is supported by another sample when that sample has a sentence sharing at
 * least half its words (unigram F1 >= 0.5) and carries every critical fact of the sentence; each fact
 * is carried by a sample whose text contains it (normalised, on word boundaries). The answer's
 * confidence is the mean sentence agreement. Agreement measures stability, not truth.
 */
import { bandOf } from '../analysis/bandOf.js';
import { findFactsInText } from '../analysis/findFactsInText.js';
import { sentenceRanges } from '../analysis/sentenceRanges.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../analysis/Thresholds.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type {
  AgreementUnit,
  ConsistencyAnalysis,
  ConsistencyCost,
  ConsistencyMode,
  ConsistencySample,
  FactAgreement,
} from './ConsistencyAnalysis.js';
import {
  carriesSentence,
  comparable,
  containmentForm,
  containsOnBoundary,
  wordCount,
  wordsOf,
} from './compareText.js';
import { countAnswers } from './countAnswers.js';
import { normalizeAnswer } from './normalizeAnswer.js';

export interface ConsistencyOptions {
  /** How to compare: `short` (whole answers), `long` (sentences and facts), `auto` (default). */
  mode?: ConsistencyMode | 'auto';
  /** The temperature the samples were drawn at (recorded with the result). */
  temperature: number;
  cost: ConsistencyCost;
  /** Band thresholds (default: the token bands, 90/70/50/30 %). */
  thresholds?: Thresholds;
  /** `samples[0]` is the answer generated with logprobs, not a sample (recorded as `reference`). */
  reference?: boolean;
}

/** Most words a one-sentence answer may have to count as short in `auto` mode. */
export const SHORT_ANSWER_WORDS = 12;

export function analyzeConsistency(
  samples: readonly ConsistencySample[],
  options: ConsistencyOptions,
): ConsistencyAnalysis {
  if (samples.length < 2) {
    throw new InvalidOptionError(
      'samples',
      `sampling consistency needs at least 2 samples to compare; got ${samples.length}`,
    );
  }
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const mode = options.mode === undefined || options.mode === 'auto' ? autoMode(samples) : options.mode;
  const n = samples.length;
  const unit = (text: string, charStart: number, charEnd: number, support: number): AgreementUnit => ({
    text,
    charStart,
    charEnd,
    support,
    agreement: support / n,
    band: bandOf(support / n, thresholds),
  });
  const base = {
    method: 'sampling' as const,
    mode,
    samples: samples.map((s) => ({ ...s })),
    temperature: options.temperature,
    cost: { ...options.cost },
    ...(options.reference === true && { reference: true as const }),
  };

  if (mode === 'short') {
    const answers = countAnswers(samples);
    const top = answers[0]!;
    const chosen = samples.findIndex((s) => normalizeAnswer(s.text) === top.answer);
    const text = samples[chosen]!.text;
    const [start, end] = trimmedRange(text);
    const whole = unit(text.slice(start, end), start, end, top.count);
    return {
      ...base,
      chosen,
      text,
      agreement: whole.agreement,
      band: whole.band,
      minAgreement: whole.agreement,
      answers,
      sentences: text.trim() === '' ? [] : [whole],
      facts: factAgreements(text, samples, chosen, unit),
    };
  }

  // The shown answer: the sample the others carry best (highest mean sentence agreement; the first
  // on a tie), as short answers show the most common one; with a reference, the reference.
  let best: ReturnType<typeof judgeLong> | undefined;
  const candidates = options.reference === true ? [0] : [...samples.keys()];
  for (const i of candidates) {
    const judged = judgeLong(samples, i, unit);
    if (best === undefined || judged.agreement > best.agreement) best = judged;
  }
  const { chosen, sentences, agreement } = best!;
  const text = samples[chosen]!.text;
  return {
    ...base,
    chosen,
    text,
    agreement,
    band: bandOf(agreement, thresholds),
    minAgreement: sentences.length === 0 ? agreement : Math.min(...sentences.map((s) => s.agreement)),
    answers: [],
    sentences,
    facts: factAgreements(text, samples, chosen, unit),
  };
}

/** Sample `chosen` as the shown answer: each of its sentences with the samples that carry it. */
function judgeLong(
  samples: readonly ConsistencySample[],
  chosen: number,
  unit: (text: string, a: number, b: number, support: number) => AgreementUnit,
): { chosen: number; sentences: AgreementUnit[]; agreement: number } {
  const n = samples.length;
  const text = samples[chosen]!.text;
  const others = samples.filter((_, i) => i !== chosen).map((s) => comparable(s.text));
  const facts = findFactsInText(text);
  const sentences = sentenceRanges(text).map(([a, b]) => {
    const words = wordsOf(text.slice(a, b));
    const inside = facts
      .filter((f) => f.charStart >= a && f.charEnd <= b)
      .map((f) => containmentForm(f.text));
    let support = 1;
    for (const other of others) if (carriesSentence(words, inside, other)) support++;
    return unit(text.slice(a, b), a, b, support);
  });
  const agreement =
    sentences.length === 0 ? 1 / n : sentences.reduce((sum, s) => sum + s.agreement, 0) / sentences.length;
  return { chosen, sentences, agreement };
}

function autoMode(samples: readonly ConsistencySample[]): ConsistencyMode {
  const short = samples.filter((s) => {
    const words = wordCount(s.text);
    return words <= SHORT_ANSWER_WORDS && sentenceRanges(s.text).length <= 1;
  }).length;
  return short * 2 >= samples.length ? 'short' : 'long';
}

function factAgreements(
  text: string,
  samples: readonly ConsistencySample[],
  chosen: number,
  unit: (text: string, a: number, b: number, support: number) => AgreementUnit,
): FactAgreement[] {
  const forms = samples.map((s, i) => (i === chosen ? null : containmentForm(s.text)));
  return findFactsInText(text).map((f) => {
    const needle = containmentForm(f.text);
    let support = 1;
    for (const form of forms) if (form !== null && containsOnBoundary(form, needle)) support++;
    return { kind: f.kind, ...unit(f.text, f.charStart, f.charEnd, support) };
  });
}

function trimmedRange(text: string): [number, number] {
  const start = text.length - text.trimStart().length;
  return [start, Math.max(start, text.trimEnd().length)];
}
