import type { Token } from '@tokenscope/core';
import type { GenerateRequest } from './Engine.js';

/**
 * The shared prefix of `Engine.scoreContinuations`: raw text (special tokens parsed, BOS added, as a
 * text prompt of `generate`), chat messages (formatted with the model's chat template, ending with
 * the assistant's turn open) or token ids (evaluated as they are).
 */
export type ScoringPrefix = GenerateRequest['prompt'];

/** Options of `Engine.scoreContinuations`. */
export interface ScoreContinuationsOptions {
  signal?: AbortSignal;
  /** Alternatives reported per continuation token (0..vocabSize). Default 0. */
  topLogprobs?: number;
}

/**
 * How a continuation's tokens meet the prefix's. The prefix plus the continuation is tokenized as a
 * whole and split where its tokens stop matching the prefix's own tokens. `clean`: the whole
 * starts with every prefix token. `merged`: the last `prefixTokensReplaced` prefix tokens were
 * tokenized differently once the continuation followed (e.g. `" bug"` + `"s"` → `" bugs"`).
 */
export interface ContinuationBoundary {
  kind: 'clean' | 'merged';
  /** Prefix tokens the whole's tokenization replaced (0 when clean). */
  prefixTokensReplaced: number;
}

/** One continuation's score given the prefix. Natural-log values; JSON-friendly. */
export interface ContinuationScore {
  /** The continuation as given. */
  text: string;
  /**
   * The tokens after the split, each with its logprob given everything before it (and `top` when
   * `topLogprobs` was asked). When the boundary merged, the first tokens also cover the end of the
   * prefix text.
   */
  tokens: Token[];
  /**
   * log P(continuation | prefix) = log P(prefix + continuation) − log P(prefix), both under their own
   * tokenization: the sum of `tokens`' logprobs, minus (when merged) the logprobs of the replaced
   * prefix tokens. Equals `score(prefix + c).sumLogprob − score(prefix).sumLogprob`.
   */
  sumLogprob: number;
  /** `sumLogprob / tokenCount`. */
  meanLogprob: number;
  /** `tokens.length`. */
  tokenCount: number;
  boundary: ContinuationBoundary;
}

/** What `Engine.scoreContinuations` resolves with. */
export interface ScoreContinuationsResult {
  /** Tokens of the prefix (BOS and chat template included). */
  prefixTokenCount: number;
  /** One score per continuation, in the order given. */
  continuations: ContinuationScore[];
  /**
   * Tokens evaluated in all (the prefix once, then per continuation its tokens plus the re-read
   * last shared prefix token): what the shared prefix saves is visible against
   * `continuations.length × prefixTokenCount`.
   */
  evaluatedTokens: number;
}
