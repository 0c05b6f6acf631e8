import { displayUrl } from '../http/baseUrl.js';
import type { ProviderAdapter } from '../Provider.js';
import { compatOf, defined, toPrompt, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';

const LABEL = 'OpenAI Completions (legacy)';

/**
 * Legacy `POST {baseURL}/completions` with `logprobs` as an int (at most 5 on OpenAI, 20 elsewhere) and
 * `echo` for prompt logprobs (vLLM, Together, tokenscope serve; llama.cpp refuses it). The answer's
 * format is detected: legacy parallel arrays, or llama.cpp's `{content: [...]}`.
 */
export const openaiCompletions: ProviderAdapter = {
  id: 'openai-completions',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, compatOf(endpoint) === 'openai' ? 5 : 20);
    return runLogprobRequest({
      provider: `${LABEL} (${displayUrl(endpoint.baseURL)})`,
      endpoint,
      request,
      options,
      path: '/completions',
      framing: 'sse',
      body: defined({
        model: request.model,
        prompt: toPrompt(request),
        logprobs: k,
        echo: request.echo ? true : undefined,
        max_tokens: request.maxTokens,
        temperature: request.temperature,
        top_p: request.topP,
        seed: request.seed,
        stop: request.stop,
        stream: options.stream ? true : undefined,
        stream_options: options.stream ? { include_usage: true } : undefined,
      }),
    });
  },
};
