import type { ConstraintInfo, Distribution, Token } from '@tokenscope/core';
import type {
  ScoreContinuationsOptions,
  ScoreContinuationsResult,
  ScoringPrefix,
} from './ContinuationScores.js';
import type { GenerationConstraint } from './constraint/GenerationConstraint.js';

/** A chat message, as OpenAI's Chat Completions API takes it (text content only). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'developer' | 'tool';
  content: string;
}

/** What the engine knows about the loaded model. */
export interface ModelInfo {
  /** Model id used by the server (`/v1/models`): the file name without `.gguf`. */
  id: string;
  /** Absolute path of the GGUF file. */
  path: string;
  /** Vocabulary size. */
  vocabSize: number;
  /** Context size of the engine's contexts (tokens). */
  contextSize: number;
  /** Context size the model was trained with. */
  trainContextSize: number;
  /** True when the GGUF carries its own chat template (`tokenizer.chat_template`). */
  hasChatTemplate: boolean;
  /**
   * How logprobs are read from the logits: `native` (one pass over llama.cpp's buffer per token), or
   * one line saying why node-llama-cpp's sampling calls are used instead (same values, slower).
   */
  logitsReader?: string;
}

/**
 * One generation request. Defaults follow OpenAI: temperature 1, top_p 1.
 * `topLogprobs` may be anything from 0 to the whole vocabulary (`'all'`).
 */
export interface GenerateRequest {
  /**
   * Raw text prompt (completions), chat messages (formatted with the model's chat template), or token
   * ids evaluated as they are (no BOS added, no template; integers in 0..vocabSize-1, at least one).
   */
  prompt: string | { messages: ChatMessage[] } | { tokens: number[] };
  /**
   * Most tokens to generate. Default 16 for text and token prompts, until end of generation for chat
   * (capped by context).
   */
  maxTokens?: number;
  /** 0 = greedy. Default 1. */
  temperature?: number;
  /** Nucleus sampling. Default 1 (off). */
  topP?: number;
  /** Keep only the k most likely tokens before sampling. Default 0 (off). */
  topK?: number;
  /** Min-p sampling. Default 0 (off). */
  minP?: number;
  /** Seed for sampling; the same seed and request give the same tokens. */
  seed?: number;
  /** Stop sequences: generation ends before any of them; they are not part of the output. */
  stop?: string[];
  /** Whether to compute per-token logprobs at all. Default true. */
  logprobs?: boolean;
  /** Alternatives per token: 0..vocabSize, or 'all' for the whole vocabulary. Default 0. */
  topLogprobs?: number | 'all';
  /**
   * Which distribution the reported values describe: `raw` (log-softmax of the model's logits, before
   * temperature/top-k/top-p, as llama.cpp's server and vLLM report by default) or `processed` (the
   * distribution after temperature/top-k/top-p that the sampler drew from). Default `raw`.
   */
  distribution?: Exclude<Distribution, 'unknown'>;
  /** Also return the prompt's tokens with their logprobs (the first has none). */
  echo?: boolean;
  /**
   * Never end at an end-of-generation token: they are removed from what the sampler may draw (as
   * llama.cpp's `ignore_eos` does), so generation runs to `maxTokens` or a stop string. For load
   * tests. The reported `raw` values stay the model's, end-of-generation tokens included. Default false.
   */
  ignoreEos?: boolean;
  /**
   * End-of-generation tokens cannot be drawn before this many tokens were generated (vLLM's
   * `min_tokens`); at most `maxTokens`. Default 0.
   */
  minTokens?: number;
  /**
   * Restricts the output to choices, a JSON schema or a GBNF grammar. Each token then reports the raw
   * distribution (what the model wanted) in `logprob`/`top` and the allowed one in `constrained`.
   * Needs `distribution: 'raw'` (the default).
   */
  constraint?: GenerationConstraint;
  /**
   * With `constraint`: token ids of the answer so far, which the constraint accepts before generation
   * starts, so that generation continues a constrained answer (branching; usually the end of a
   * `{ tokens }` prompt). An id the constraint does not allow at its place is an `InvalidOptionError`
   * (`constraintPrefix`).
   */
  constraintPrefix?: number[];
}

/** Why generation ended. */
export type FinishReason = 'stop' | 'length';

/** The result of one generation. Tokens use the core data model (natural-log values, bytes, top-k). */
export interface GenerateResult {
  /** Generated text (stop sequence excluded). */
  text: string;
  /** Generated tokens; `text` of each is its decoded piece (U+FFFD where it holds part of a character). */
  tokens: Token[];
  /** Prompt tokens with logprobs, when `echo` was asked. */
  prompt?: Token[];
  finishReason: FinishReason;
  distribution: Exclude<Distribution, 'unknown'>;
  usage: { promptTokens: number; completionTokens: number };
  /** The prompt text actually evaluated (after the chat template; token prompts: the ids detokenized). */
  promptText: string;
  /** The token ids actually evaluated (BOS and chat template included), for every prompt kind. */
  promptTokenIds: number[];
  /** Which chat template formatted the messages, when the prompt was chat messages. */
  chatTemplate?: 'model' | 'fallback';
  /** The constraint the output was generated under, when the request had one. */
  constraint?: ConstraintInfo;
}

/** The result of scoring supplied text: the logprob of every token given the ones before it. */
export interface ScoreResult {
  /** Tokens of the text; the first has `logprob: null` unless a BOS token precedes it. */
  tokens: Token[];
  /** Sum of the known logprobs. */
  sumLogprob: number;
  /** exp(-mean logprob). */
  perplexity: number;
}

/** Per-call options. */
export interface CallOptions {
  /** Stops the generation; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called with every token as it is generated (for streaming). */
  onToken?: (token: Token) => void;
}

/** A loaded local model that generates and scores with real logprobs. */
export interface Engine {
  readonly info: ModelInfo;
  generate(request: GenerateRequest, options?: CallOptions): Promise<GenerateResult>;
  score(text: string, options?: { topLogprobs?: number; signal?: AbortSignal }): Promise<ScoreResult>;
  /**
   * Scores each continuation after one shared prefix, exactly: the prefix is evaluated once and its
   * KV cache reused for every continuation (see `ContinuationScore` for the tokenization boundary).
   */
  scoreContinuations(
    prefix: ScoringPrefix,
    continuations: string[],
    options?: ScoreContinuationsOptions,
  ): Promise<ScoreContinuationsResult>;
  /** Tokenizes text (with the model's special-token handling); for counting prompt length. */
  tokenize(text: string): Promise<number[]>;
  close(): Promise<void>;
}
