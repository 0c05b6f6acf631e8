/**
 * Scores supplied text on a remote API: legacy `/completions` with `echo: true` returns the prompt's
 * tokens with logprobs (vLLM, Together, tokenscope serve; OpenAI's own API and llama.cpp no longer
 * do). One token is generated and ignored.
 */
import type { Token } from '@tokenscope/core';
import { type EndpointOptions, LogprobsUnsupportedError, openaiCompletions } from '@tokenscope/providers';

/** The echoed tokens of `text`, a leading BOS left out (the first has no logprob when nothing precedes it). */
export async function echoTokens(
  endpoint: EndpointOptions,
  model: string,
  text: string,
  topLogprobs: number,
): Promise<Token[]> {
  const response = await openaiCompletions.complete(endpoint, {
    model,
    prompt: text,
    echo: true,
    maxTokens: 1,
    temperature: 0,
    topLogprobs: Math.max(1, topLogprobs),
  });
  const prompt = response.completions[0]?.prompt;
  if (prompt === undefined || prompt.length === 0) {
    throw new LogprobsUnsupportedError({
      provider: `OpenAI Completions (${endpoint.baseURL})`,
      model,
      reason: 'no prompt logprobs came back with "echo": true',
      suggestion:
        'use a server that echoes prompt logprobs (vLLM, tokenscope serve) or a local model (--model FILE.gguf)',
    });
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
 * Scores `continuation` after `prompt` from one echo request of the whole text. The continuation's
 * tokens are those that end after the prompt's last character (counted from the end, so a space a
 * server adds at the start does not shift them); a token that straddles the boundary counts.
 */
export async function echoContinuationScore(
  endpoint: EndpointOptions,
  model: string,
  prompt: string,
  continuation: string,
): Promise<EchoContinuationScore> {
  const tokens = await echoTokens(endpoint, model, prompt + continuation, 1);
  const total = tokens.reduce((n, t) => n + t.text.length, 0);
  const boundary = total - continuation.length;
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
      throw new LogprobsUnsupportedError({
        provider: `OpenAI Completions (${endpoint.baseURL})`,
        model,
        reason: `the echoed token ${JSON.stringify(t.text)} has no logprob`,
        suggestion: 'put a non-empty prompt before the candidates',
      });
    }
    sum += t.logprob;
  }
  return { tokens: own, sumLogprob: sum, tokenCount: own.length, merged: offset < boundary };
}
