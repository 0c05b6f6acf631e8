/**
 * The one data model every provider's logprobs are normalised into.
 *
 * Values are natural-log floats. A provider's sentinel (`-9999`, `-inf`, `null`, `-3.4e38`) becomes
 * `logprob: null`, meaning "below the reported top-k", and the provider's raw value is kept in `raw`.
 */

/** A raw value as the provider sent it, kept when it differs from the normalised `logprob`. */
export type RawValue = number | string | null;

/** One alternative the provider reported at a position (its top-k). */
export interface TopAlternative {
  /** The alternative's text, decoded from `bytes` when those are given. */
  text: string;
  /** Natural-log probability, or `null` when the provider sent a sentinel. */
  logprob: number | null;
  /** UTF-8 bytes of the alternative, when the provider sent them (or they follow from `text`). */
  bytes: number[] | null;
  /** Vocabulary id, when the provider sent it. */
  id?: number;
  /** The provider's own value, when it differs from `logprob` (a sentinel, a probability in 0..1). */
  raw?: RawValue;
}

/**
 * What a constraint (choices, JSON schema, grammar) allowed at a position, beside the raw values the
 * token carries in `logprob` and `top` (what the model wanted). The constrained distribution is the
 * raw one with the forbidden tokens removed and the rest renormalised.
 */
export interface ConstrainedValues {
  /** Natural-log probability of the chosen token among the allowed tokens; null when not computed. */
  logprob: number | null;
  /** The most likely allowed tokens, renormalised, highest first (as many as `top` holds). */
  top: TopAlternative[];
  /** Raw probability mass of the allowed tokens, in 0..1; `1 - allowedMass` is what the constraint removed. */
  allowedMass: number;
  /** Exact entropy (nats) of the constrained distribution, when the whole distribution was read. */
  entropy?: number;
}

/** One token the model produced (or, for prompt logprobs, one token it read). */
export interface Token {
  /**
   * This token's share of the response text. Concatenating `text` over all tokens gives the response
   * text exactly. A token that holds only part of a UTF-8 character has `text: ''`; the whole
   * character sits on the token that completes it (see `utf8Group`).
   */
  text: string;
  /** The token text exactly as the provider sent it, when it differs from `text` (U+FFFD, `\xNN`). */
  rawText?: string;
  /** UTF-8 bytes of the token, when the provider sent them (or they follow from its text). */
  bytes: number[] | null;
  /** Natural-log probability of the chosen token, or `null` when the provider sent a sentinel. */
  logprob: number | null;
  /** The provider's own value, when it differs from `logprob`. */
  raw?: RawValue;
  /** Vocabulary id, when the provider sent it. */
  id?: number;
  /** Alternatives as reported, sorted by logprob, highest first. Empty when none were requested. */
  top: TopAlternative[];
  /**
   * Exact entropy (nats) of the whole next-token distribution at this position, when the source
   * had the whole distribution (raw logits, local engines).
   */
  entropy?: number;
  /** True for special tokens (end of sequence, control tokens), when the provider says so. */
  special?: boolean;
  /**
   * True for a control token that is not part of the answer's text: end of turn / end of text
   * (`<|eot_id|>`, `<|im_end|>`, `</s>`, `<eos>`, ...) and other control tokens (see `markControlTokens`).
   * Its `text` is `''` (so the tokens still concatenate to the response text) and `rawText` holds the
   * provider's token text. Analyses leave it out of words, sentences, spans, facts and the scores.
   */
  control?: true;
  /**
   * Index range `[start, end)` of the tokens that together encode the UTF-8 characters this token
   * is part of, when a character was split across tokens. Absent for tokens that stand alone.
   */
  utf8Group?: [number, number];
  /** Set when generation was constrained: the distribution the constraint allowed (see `ConstrainedValues`). */
  constrained?: ConstrainedValues;
}
