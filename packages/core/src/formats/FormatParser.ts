import type { FormatId, LogprobResponse } from '../model/Completion.js';
import type { Token } from '../model/Token.js';

/** Options every parser accepts. Parsers ignore the ones that do not apply to them. */
export interface ParseOptions {
  /** Raw logits only: temperature of the softmax (default 1). */
  temperature?: number;
  /** Raw logits only: how many alternatives to keep per position (default 20). */
  topK?: number;
  /**
   * Accept a stream that ends before its end marker (`[DONE]`, `done: true`, a final event) and
   * analyse what arrived. Without it a truncated stream is a `TruncatedStreamError`.
   */
  allowTruncated?: boolean;
  /**
   * Called with each generated token as soon as the value that carries it is parsed (a stream's tokens
   * as they arrive), with its completion's index. Tokens an echoed prompt opens with are not passed.
   * A token that holds half of a UTF-8 character is passed as it came; the result has it merged.
   */
  onToken?: (token: Token, completionIndex: number) => void;
}

/**
 * Collects one response from JSON values: a whole response is one value; a stream (SSE events or
 * JSON lines) is one value per event, pushed in order. Memory is what the tokens need, nothing more.
 */
export interface ResponseAccumulator {
  /** Adds one JSON value (a whole response, or one stream event/chunk). `event` is the SSE event name. */
  push(value: unknown, event?: string): void;
  /** The stream's `[DONE]` marker arrived (SSE). */
  done(): void;
  /** Ends the input and returns the normalised response; throws a `TokenscopeError` on bad input. */
  finish(): LogprobResponse;
}

/** One input format: how to recognise it and how to parse it. */
export interface FormatParser {
  id: FormatId;
  /** Human name, e.g. "OpenAI Chat Completions". */
  label: string;
  /**
   * True when `value` (a whole response, or the first event of a stream) has this format's shape.
   * Detection runs in registry order, so specific formats come before the general ones they extend.
   */
  detect(value: unknown, event?: string): boolean;
  /** A fresh accumulator for one response. */
  accumulate(options?: ParseOptions): ResponseAccumulator;
}
