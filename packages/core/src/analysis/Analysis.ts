import type { ConstraintAnalysis } from '../constraint/ConstraintAnalysis.js';
import type { Distribution, FormatId } from '../model/Completion.js';
import type { TopAlternative } from '../model/Token.js';
import type { Band, Clue, Thresholds } from './Thresholds.js';

/** Everything the analysis knows about one token. Probabilities are in 0..1, logprobs natural-log. */
export interface TokenAnalysis {
  index: number;
  /** The token's share of the response text (see `Token.text`). */
  text: string;
  /** The provider's own token text, when it differs from `text`. */
  rawText?: string;
  bytes: number[] | null;
  /** Character offset of `text` in the response text. */
  offset: number;
  /** Natural-log probability, or null when the provider sent a sentinel (below its top-k). */
  logprob: number | null;
  /** exp(logprob), or null with `logprob`. */
  prob: number | null;
  /** -log2(p): surprisal in bits, or null with `logprob`. */
  surprisal: number | null;
  /** 1-based rank of the chosen token among the reported alternatives; null when not among them. */
  rank: number | null;
  /** True when the chosen token is among the reported alternatives; null when none were reported. */
  inTopK: boolean | null;
  /** p(top1) - p(top2) over the reported alternatives; null with fewer than two. */
  margin: number | null;
  /** Probability mass the reported alternatives cover (sum of their p), in 0..1. */
  topMass: number;
  /**
   * Entropy of the next-token distribution, in bits. Exact when the source had the whole
   * distribution; otherwise `entropy` is a lower bound from the reported alternatives and the
   * unreported mass, and `entropyUpper` an upper bound (needs the vocabulary size, else null).
   */
  entropy: number | null;
  entropyUpper: number | null;
  /** True when `entropy` is exact. */
  entropyExact: boolean;
  band: Band;
  clues: Clue[];
  /** True when the token has any clue. */
  flagged: boolean;
  /** Alternatives as reported, highest first, with probabilities. */
  top: Array<TopAlternative & { prob: number | null }>;
  special?: boolean;
  /**
   * A control token (end of turn, ...) that is not part of the text (`Token.control`): its `text` is
   * '' and `rawText` its name; it has no clues and is left out of words, sentences, spans, facts and,
   * unless `countControlTokens`, the summary.
   */
  control?: true;
  utf8Group?: [number, number];
}

/** Sequence-level scores of one completion. */
export interface Summary {
  /** Number of tokens counted (control tokens only with `countsControlTokens`). */
  tokens: number;
  /** Control tokens of the answer (end of turn, ...), counted or not. */
  controlTokens: number;
  /** True when the scores count the control tokens (`analyze`'s `countControlTokens`). */
  countsControlTokens: boolean;
  /** Tokens with a known logprob (the others carried a sentinel). */
  scoredTokens: number;
  sumLogprob: number;
  /** Mean logprob over scored tokens (0 for an empty answer). */
  meanLogprob: number;
  /** exp(-meanLogprob). */
  perplexity: number;
  /** Lowest token probability, and where. */
  minProb: number | null;
  minProbIndex: number | null;
  /** Tokens with at least one clue. */
  flaggedTokens: number;
  clueCounts: Record<Clue, number>;
  bandCounts: Record<Band, number>;
}

/** A word: a run of tokens between whitespace/punctuation boundaries. */
export interface Word {
  text: string;
  /** Token index range [start, end). */
  start: number;
  end: number;
  /** Character range [charStart, charEnd) in the response text. */
  charStart: number;
  charEnd: number;
  meanLogprob: number;
  minProb: number | null;
  flagged: boolean;
}

/** A sentence with its mean logprob. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
  meanLogprob: number;
  minProb: number | null;
  flaggedTokens: number;
}

/**
 * Kinds of critical fact worth checking: names of people, organisations, places and events, other
 * proper names (products, missions, models), quoted titles of works, numbers with their units, money,
 * dates and times, URLs, e-mail addresses and code identifiers. The one list every renderer, filter
 * and count uses (see docs/facts.md).
 */
export const FACT_KINDS = [
  'person',
  'organization',
  'place',
  'event',
  'name',
  'title',
  'number',
  'money',
  'date',
  'url',
  'email',
  'code',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** A critical fact (a name, title, number, amount, date, URL, e-mail or code) with the model's confidence in it. */
export interface CriticalFact {
  kind: FactKind;
  text: string;
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
  /** Lowest token probability inside the fact. */
  minProb: number | null;
  meanLogprob: number;
  /** True when any token of the fact is flagged. */
  flagged: boolean;
}

/** Neighbouring flagged words merged into one span, with the alternatives at its weakest token. */
export interface LowConfidenceSpan {
  text: string;
  start: number;
  end: number;
  charStart: number;
  charEnd: number;
  meanLogprob: number;
  minProb: number | null;
  /** Index of the token with the lowest probability in the span. */
  weakest: number;
  /** Alternatives reported at the weakest token. */
  alternatives: Array<TopAlternative & { prob: number | null }>;
  /** Union of the clues of the span's tokens. */
  clues: Clue[];
  /** Kinds of critical fact the span overlaps. */
  facts: FactKind[];
}

/** The analysis of one completion: what every renderer takes. */
export interface Analysis {
  text: string;
  tokens: TokenAnalysis[];
  summary: Summary;
  words: Word[];
  sentences: Sentence[];
  spans: LowConfidenceSpan[];
  facts: CriticalFact[];
  thresholds: Thresholds;
  source: {
    format: FormatId;
    model?: string;
    id?: string;
    index: number;
    distribution: Distribution;
    topK: number;
    finishReason?: string;
  };
  /** What a constraint did, token by token, when the completion was generated under one. */
  constraint?: ConstraintAnalysis;
  /** How the answer ended (see `endingOf`): every renderer says when it was cut off. */
  ending: Ending;
  /** The response's `warnings` (problems a lenient parse let through); every renderer shows them. */
  warnings?: string[];
}

/**
 * How generation ended, from the provider's finish reason normalised (`endingOf`):
 * - `stop`: the model ended the answer (end of turn, a stop sequence, a tool call);
 * - `length`: cut off by the token limit (`max_tokens`): the answer is incomplete;
 * - `filtered`: stopped by a content filter or safety system;
 * - `other`: another reason the provider named;
 * - `unknown`: the provider did not say (a truncated stream, a format without one).
 */
export interface Ending {
  kind: 'stop' | 'length' | 'filtered' | 'other' | 'unknown';
  /** True when `kind` is `length`: the answer stops mid-way. */
  cutOff: boolean;
  /** The provider's own reason, when it gave one. */
  finishReason?: string;
  /**
   * Set when the answer was generated under a constraint (JSON schema, grammar, choices) and does not
   * satisfy it to its end: why, one line (e.g. the JSON does not parse because the token limit cut it).
   */
  constraintIncomplete?: string;
}
