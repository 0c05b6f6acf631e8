import { NoLogprobsError } from '@tokenscope/core';
import { LogprobsUnsupportedError } from '../errors/LogprobsUnsupportedError.js';
import { UpstreamError } from '../errors/UpstreamError.js';

/** Who was asked: for the message of `LogprobsUnsupportedError`. */
export interface RefusalContext {
  /** The adapter's label, e.g. "OpenAI Chat Completions". */
  provider: string;
  model: string;
}

interface RefusalRule {
  test: (error: UpstreamError, text: string) => boolean;
  suggestion: string;
}

const LOCAL = 'or run the model where logprobs are available (tokenscope serve, vLLM, llama.cpp, Ollama)';

/** Each provider's way of saying "no logprobs here" (see docs/providers.md), most specific first. */
const RULES: RefusalRule[] = [
  {
    // OpenAI reasoning models on chat: 403/400 "You are not allowed to request logprobs from this model".
    test: (_, t) => /not allowed to request logprobs/i.test(t),
    suggestion: `use a non-reasoning model (gpt-4.1, gpt-4o, ...) ${LOCAL}`,
  },
  {
    // OpenAI Responses on reasoning models: 400 unsupported_parameter, param "include".
    test: (e, t) =>
      (e.param === 'include' && /unsupported/i.test(`${e.providerCode ?? ''} ${t}`)) ||
      /output_text\.logprobs/i.test(t),
    suggestion: `use a non-reasoning model with the Responses API ${LOCAL}`,
  },
  {
    // Azure before api-version 2024-03-01-preview.
    test: (_, t) => /unrecognized request argument supplied:?\s*(top_)?logprobs/i.test(t),
    suggestion: 'use api-version 2024-03-01-preview or later (Azure), or a server that supports logprobs',
  },
  {
    // llama.cpp server.
    test: (_, t) => /logprobs is not supported with tools/i.test(t),
    suggestion: 'ask without tools, or without streaming',
  },
  {
    test: (_, t) => /only no echo is supported/i.test(t),
    suggestion:
      'ask without echo (llama.cpp has no prompt logprobs); for prompt logprobs use vLLM or tokenscope serve',
  },
  {
    // Ollama.
    test: (_, t) => /top_logprobs must be between/i.test(t),
    suggestion: 'ask for at most 20 alternatives (--top-logprobs 20)',
  },
  {
    // Gemini: 400 "Logprobs is not supported for the current model."
    test: (_, t) => /logprobs? (is|are) not supported for the current model/i.test(t),
    suggestion: `use a Gemini model that supports responseLogprobs (e.g. gemini-2.0-flash) ${LOCAL}`,
  },
  {
    // Groq and others: a 4xx that names the logprobs parameter and says it is not supported.
    test: (e, t) =>
      e.upstreamStatus >= 400 &&
      e.upstreamStatus < 500 &&
      /(top_)?logprobs|responseLogprobs|prompt_logprobs|echo/i.test(`${t} ${e.param ?? ''}`) &&
      /not (supported|allowed|available)|unsupported|unrecognized|not permitted/i.test(t),
    suggestion: `use a provider or model that returns logprobs ${LOCAL}`,
  },
];

/**
 * The `LogprobsUnsupportedError` an error stands for, or undefined: an API error whose text is a known
 * refusal, or core's `NoLogprobsError` (a 2xx answer without logprobs: the server ignored the request).
 */
export function refusalOf(error: unknown, context: RefusalContext): LogprobsUnsupportedError | undefined {
  if (error instanceof LogprobsUnsupportedError) return error;
  if (error instanceof NoLogprobsError) {
    return new LogprobsUnsupportedError(
      {
        ...context,
        reason: 'the server answered without logprobs (it ignored the parameter)',
        suggestion: `check that this server and model support logprobs ${LOCAL}`,
      },
      { cause: error },
    );
  }
  if (!(error instanceof UpstreamError) || error.upstreamStatus < 400 || error.upstreamStatus >= 500)
    return undefined;
  const text = `${error.providerMessage} ${typeof error.body === 'string' ? '' : JSON.stringify(error.body)}`;
  const rule = RULES.find((r) => r.test(error, text));
  if (!rule) return undefined;
  return new LogprobsUnsupportedError(
    {
      ...context,
      reason: `the server refused them (${error.upstreamStatus}: ${error.providerMessage.replace(/\s+/g, ' ').slice(0, 200)})`,
      suggestion: rule.suggestion,
    },
    { cause: error },
  );
}
