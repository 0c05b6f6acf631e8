import type { Token } from './Token.js';

/** Every input format Tokenscope parses. `--from` takes these ids. */
export const FORMAT_IDS = [
  'openai-chat',
  'openai-responses',
  'openai-completions',
  'vllm',
  'llamacpp-completion',
  'llamacpp-v1-completions',
  'ollama',
  'tgi',
  'gemini',
  'together',
  'fireworks',
  'sglang',
  'logits',
  'ai-sdk',
  'langchain',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/**
 * Which distribution the logprobs describe.
 * - `raw`: the model's next-token distribution (log-softmax of the logits), before temperature/top-p.
 * - `processed`: the distribution after temperature/top-k/top-p, which the sampler drew from.
 * - `unknown`: the provider does not say.
 */
export type Distribution = 'raw' | 'processed' | 'unknown';

/** Which kind of constraint restricted a generation. */
export type ConstraintKind = 'choices' | 'json-schema' | 'grammar';

/** The constraint a completion was generated under, for reports. */
export interface ConstraintInfo {
  kind: ConstraintKind;
  /** One line for people: the choices, the schema, the grammar's first rule. */
  description: string;
  /**
   * Whether the output satisfies the constraint to its end, when the engine checked: `false` when a
   * JSON-schema answer does not parse or does not satisfy the schema, a choices answer is not one of
   * the choices, or a grammar answer was stopped by the token limit before the grammar ended.
   */
  complete?: boolean;
  /** Why the output is incomplete (with `complete: false`), one line for people. */
  incompleteReason?: string;
}

/** One generated answer (a choice / candidate) with its per-token logprobs. */
export interface Completion {
  /** Position among the response's choices / candidates. */
  index: number;
  /** The answer text. Equals the concatenation of `tokens[i].text` (when there are tokens). */
  text: string;
  /**
   * Generated tokens in order. Empty when the source gave no logprobs: a run made from samples only
   * (sampling consistency, where the endpoint refused or ignored logprobs) stores each sampled answer
   * as a completion with `tokens: []`, `topK: 0` and `distribution: 'unknown'`; its confidence is the
   * run's `consistency` result, not these (empty) tokens.
   */
  tokens: Token[];
  /** Prompt tokens with logprobs (`echo`, `prompt_logprobs`, prefill), when the provider sent them. */
  prompt?: Token[];
  /** Why generation stopped, as the provider said (`stop`, `length`, ...). */
  finishReason?: string;
  /** Which distribution the values describe. */
  distribution: Distribution;
  /** Largest number of alternatives reported at any position (0 when none were requested). */
  topK: number;
  /** Vocabulary size, when known (sources with the whole distribution). */
  vocabSize?: number;
  /** The constraint the answer was generated under, when there was one (its tokens carry `constrained`). */
  constraint?: ConstraintInfo;
}

/** A whole response normalised: what every parser returns. */
export interface LogprobResponse {
  /** The format it was parsed from. */
  format: FormatId;
  /** Model name as the provider reported it. */
  model?: string;
  /** Response id as the provider reported it. */
  id?: string;
  /** One entry per choice / candidate, in order. */
  completions: Completion[];
  /**
   * Problems a lenient parse let through (values no distribution can have), one line each, naming
   * where in the input; absent when there were none. Every report shows them.
   */
  warnings?: string[];
}
