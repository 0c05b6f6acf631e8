import { TokenscopeError } from '@tokenscope/core';

/** The prompt (or the text to score) does not fit in the engine's context. */
export class PromptTooLongError extends TokenscopeError {
  readonly tokens: number;
  readonly limit: number;

  constructor(tokens: number, limit: number, contextSize: number) {
    super(
      // OpenAI's code for it, so that clients that handle OpenAI's errors recognise it.
      'context_length_exceeded',
      `expected a prompt of at most ${limit} tokens (context size ${contextSize}), got ${tokens}: shorten it or load the model with a larger contextSize`,
      { status: 400 },
    );
    this.tokens = tokens;
    this.limit = limit;
  }
}
