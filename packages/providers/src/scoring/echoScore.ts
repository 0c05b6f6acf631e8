/**
 * Scores supplied text on a remote API: legacy `/completions` with `echo: true` returns the prompt's
 * tokens with logprobs (vLLM, Together, tokenscope serve; OpenAI's own API and llama.cpp no longer
 * do). One token is generated and ignored. The CLI's `score`/`rerank` and the app's `/api/score` and
 * `/api/rerank` read echo through these.
 */
import type { Token } from '@tokenscope/core';
import { openaiCompletions } from '../adapters/openaiCompletions.js';
import { LogprobsUnsupportedError } from '../errors/LogprobsUnsupportedError.js';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions } from '../Provider.js';

/** Options of an echo request. */
export interface EchoOptions {
  signal?: AbortSignal;
  /** How the caller runs a local model (e.g. `--model FILE.gguf`), named in the no-echo suggestion. */
  localModelHint?: string;
}

function unsupported(endpoint: EndpointOptions, model: string, reason: string, suggestion: string) {
  return new LogprobsUnsupportedError({
    provider: `OpenAI Completions (${displayUrl(endpoint.baseURL)})`,
    model,
    reason,
    suggestion,
  });
}

/** The echoed tokens of `text`, a leading BOS left out (the first has no logprob when nothing precedes it). */
export async function echoTokens(
  endpoint: EndpointOptions,
  model: string,
  text: string,
  topLogprobs: number,
  options: EchoOptions = {},
): Promise<Token[]> {
  const response = await openaiCompletions.complete(
    endpoint,
    { model, prompt: text, echo: true, maxTokens: 1, temperature: 0, topLogprobs: Math.max(1, topLogprobs) },
    options.signal ? { signal: options.signal } : {},
  );
  const prompt = response.completions[0]?.prompt;
  if (prompt === undefined || prompt.length === 0) {
    const hint = options.localModelHint === undefined ? '' : ` (${options.localModelHint})`;
    throw unsupported(
      endpoint,
      model,
      'no prompt logprobs came back with "echo": true',
      `use a server that echoes prompt logprobs (vLLM, tokenscope serve) or a local model${hint}`,
    );
  }
  // A BOS token leads some servers' echo (no text, no logprob): it is not part of the text.
  let start = 0;
  while (start < prompt.length - 1 && prompt[start]!.text === '' && prompt[start]!.logprob === null) start++;
  return prompt.slice(start);
}

/** A continuation's score read off the echoed tokens of `prompt + continuation`. */
export interface EchoContinuationScore {
  tokens: Token[];
  sumLogprob: number;
  tokenCount: number;
  /** The first token also holds the end of the prompt (the tokenization merged across). */
  merged: boolean;
}

/**
 * Scores `continuation` after `prompt` (log P(continuation | prompt)) from one echo request of the
 * whole text. The continuation's tokens are those that end after the prompt's last character (counted
 * from the end, so a space a server adds at the start does not shift them); a token that straddles the
 * boundary counts.
 */
export async function echoContinuationScore(
  endpoint: EndpointOptions,
  model: string,
  prompt: string,
  continuation: string,
  options: EchoOptions = {},
): Promise<EchoContinuationScore> {
  const tokens = await echoTokens(endpoint, model, prompt + continuation, 1, options);
  const boundary = tokens.reduce((n, t) => n + t.text.length, 0) - continuation.length;
  let offset = 0;
  let first = tokens.length;
  for (const [i, t] of tokens.entries()) {
    if (offset + t.text.length > boundary) {
      first = i;
      break;
    }
    offset += t.text.length;
  }
  const own = tokens.slice(first);
  let sum = 0;
  for (const t of own) {
    if (t.logprob === null) {
      throw unsupported(
        endpoint,
        model,
        `the echoed token ${JSON.stringify(t.text)} has no logprob`,
        'put a non-empty prompt before the candidates',
      );
    }
    sum += t.logprob;
  }
  return { tokens: own, sumLogprob: sum, tokenCount: own.length, merged: offset < boundary };
}
