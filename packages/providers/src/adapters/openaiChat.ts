import { isRecord } from '@tokenscope/core';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions, LogprobRequest, ProviderAdapter } from '../Provider.js';
import { compatOf, defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';
import { answerOf, runSampleRequest } from './runSampleRequest.js';
import { withMaxCompletionTokens } from './withMaxCompletionTokens.js';

const LABEL = 'OpenAI Chat Completions';
const provider = (endpoint: EndpointOptions) => `${LABEL} (${displayUrl(endpoint.baseURL)})`;

/** The request's own parameters (no logprobs, no streaming). */
function baseBody(request: LogprobRequest): Record<string, unknown> {
  return {
    model: request.model,
    messages: toMessages(request),
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
    seed: request.seed,
    stop: request.stop,
  };
}

/**
 * `POST {baseURL}/chat/completions` with `logprobs: true, top_logprobs` (0-20), on OpenAI and any
 * OpenAI-compatible server (vLLM, llama.cpp, Ollama `/v1`, DeepSeek, Azure, tokenscope serve).
 * Together (`compat: 'together'`) gets `logprobs` as an int. `echo` sends vLLM's `prompt_logprobs`.
 * The answer's format is detected (servers differ), then parsed by core. `sample` sends the same
 * request without any logprob parameter and reads `choices[0].message.content`. A server that wants
 * `max_completion_tokens` instead of `max_tokens` (OpenAI's reasoning models) is asked again with it.
 */
export const openaiChat: ProviderAdapter = {
  id: 'openai-chat',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, 20);
    const together = compatOf(endpoint) === 'together';
    const body = defined({
      ...baseBody(request),
      logprobs: together ? k : true,
      top_logprobs: together ? undefined : k,
      prompt_logprobs: request.echo ? k : undefined,
      stream: options.stream ? true : undefined,
      stream_options: options.stream ? { include_usage: true } : undefined,
    });
    return withMaxCompletionTokens(endpoint, body, (sent) =>
      runLogprobRequest({
        provider: provider(endpoint),
        endpoint,
        request,
        options,
        path: '/chat/completions',
        framing: 'sse',
        body: sent,
      }),
    );
  },
  sample(endpoint, request, options = {}) {
    return withMaxCompletionTokens(endpoint, defined(baseBody(request)), (sent) =>
      runSampleRequest({
        provider: provider(endpoint),
        endpoint,
        signal: options.signal,
        path: '/chat/completions',
        body: sent,
        textAt: 'choices[0].message.content',
        read: (body) => {
          const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
          if (!isRecord(choice) || !isRecord(choice.message)) return undefined;
          const content = choice.message.content;
          // A reasoning model's refusal comes as `refusal` with `content: null`.
          const text = typeof content === 'string' ? content : content === null ? '' : undefined;
          if (text === undefined) return undefined;
          const usage = isRecord(body.usage) ? body.usage : {};
          return answerOf(text, choice.finish_reason, usage.prompt_tokens, usage.completion_tokens);
        },
      }),
    );
  },
};
