/**
 * Scores supplied text on a remote API: legacy `/completions` with `echo: true` returns the prompt's
 * tokens with logprobs (vLLM, tokenscope serve; OpenAI's own API no longer does). One token is
 * generated and ignored. (The CLI's `score`/`rerank` read echo the same way.)
 */
import type { Token } from '@tokenscope/core';
import { type EndpointOptions, LogprobsUnsupportedError, openaiCompletions } from '@tokenscope/providers';

function unsupported(endpoint: EndpointOptions, model: string, reason: string, suggestion: string) {
  return new LogprobsUnsupportedError({
    provider: `OpenAI Completions (${endpoint.baseURL})`,
    model,
    reason,
    suggestion,
  });
}

/** The echoed tokens of `text`, a leading BOS left out. */
export async function echoTokens(
  endpoint: EndpointOptions,
  model: string,
  text: string,
  topLogprobs: number,
  signal?: AbortSignal,
): Promise<Token[]> {
  const response = await openaiCompletions.complete(
    endpoint,
    { model, prompt: text, echo: true, maxTokens: 1, temperature: 0, topLogprobs: Math.max(1, topLogprobs) },
    signal ? { signal } : {},
  );
  const prompt = response.completions[0]?.prompt;
  if (prompt === undefined || prompt.length === 0) {
    throw unsupported(
      endpoint,
      model,
      'no prompt logprobs came back with "echo": true',
      'use a server that echoes prompt logprobs (vLLM, tokenscope serve) or a local model',
    );
  }
  let start = 0;
  while (start < prompt.length - 1 && prompt[start]!.text === '' && prompt[start]!.logprob === null) start++;
  return prompt.slice(start);
}

/**
 * log P(continuation | prompt) from one echo request of the whole text: the continuation's tokens are
 * those that end after the prompt's last character (a token that straddles the boundary counts).
 */
export async function echoContinuationScore(
  endpoint: EndpointOptions,
  model: string,
  prompt: string,
  continuation: string,
  signal?: AbortSignal,
): Promise<{ sumLogprob: number; tokenCount: number }> {
  const tokens = await echoTokens(endpoint, model, prompt + continuation, 1, signal);
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
  return { sumLogprob: sum, tokenCount: own.length };
}
