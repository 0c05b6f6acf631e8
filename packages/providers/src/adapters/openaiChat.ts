import { displayUrl } from '../http/baseUrl.js';
import type { ProviderAdapter } from '../Provider.js';
import { compatOf, defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';

const LABEL = 'OpenAI Chat Completions';

/**
 * `POST {baseURL}/chat/completions` with `logprobs: true, top_logprobs` (0-20), on OpenAI and any
 * OpenAI-compatible server (vLLM, llama.cpp, Ollama `/v1`, DeepSeek, Azure, tokenscope serve).
 * Together (`compat: 'together'`) gets `logprobs` as an int. `echo` sends vLLM's `prompt_logprobs`.
 * The answer's format is detected (servers differ), then parsed by core.
 */
export const openaiChat: ProviderAdapter = {
  id: 'openai-chat',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, 20);
    const together = compatOf(endpoint) === 'together';
    return runLogprobRequest({
      provider: `${LABEL} (${displayUrl(endpoint.baseURL)})`,
      endpoint,
      request,
      options,
      path: '/chat/completions',
      framing: 'sse',
      body: defined({
        model: request.model,
        messages: toMessages(request),
        logprobs: together ? k : true,
        top_logprobs: together ? undefined : k,
        max_tokens: request.maxTokens,
        temperature: request.temperature,
        top_p: request.topP,
        seed: request.seed,
        stop: request.stop,
        prompt_logprobs: request.echo ? k : undefined,
        stream: options.stream ? true : undefined,
        stream_options: options.stream ? { include_usage: true } : undefined,
      }),
    });
  },
};
