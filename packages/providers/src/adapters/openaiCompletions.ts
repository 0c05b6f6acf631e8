import { isRecord } from '@tokenscope/core';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions, LogprobRequest, ProviderAdapter } from '../Provider.js';
import { compatOf, defined, toPrompt, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';
import { answerOf, runSampleRequest } from './runSampleRequest.js';

const LABEL = 'OpenAI Completions (legacy)';
const provider = (endpoint: EndpointOptions) => `${LABEL} (${displayUrl(endpoint.baseURL)})`;

function baseBody(request: LogprobRequest): Record<string, unknown> {
  return {
    model: request.model,
    prompt: toPrompt(request),
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
    seed: request.seed,
    stop: request.stop,
  };
}

/**
 * Legacy `POST {baseURL}/completions` with `logprobs` as an int (at most 5 on OpenAI, 20 elsewhere) and
 * `echo` for prompt logprobs (vLLM, Together, tokenscope serve; llama.cpp refuses it). The answer's
 * format is detected: legacy parallel arrays, or llama.cpp's `{content: [...]}`. `sample` sends the
 * request without `logprobs` and `echo` and reads `choices[0].text` (llama.cpp: `content`).
 */
export const openaiCompletions: ProviderAdapter = {
  id: 'openai-completions',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, compatOf(endpoint) === 'openai' ? 5 : 20);
    return runLogprobRequest({
      provider: provider(endpoint),
      endpoint,
      request,
      options,
      path: '/completions',
      framing: 'sse',
      body: defined({
        ...baseBody(request),
        logprobs: k,
        echo: request.echo ? true : undefined,
        stream: options.stream ? true : undefined,
        stream_options: options.stream ? { include_usage: true } : undefined,
      }),
    });
  },
  sample(endpoint, request, options = {}) {
    return runSampleRequest({
      provider: provider(endpoint),
      endpoint,
      signal: options.signal,
      path: '/completions',
      body: defined(baseBody(request)),
      textAt: 'choices[0].text',
      read: (body) => {
        const usage = isRecord(body.usage) ? body.usage : {};
        const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
        if (isRecord(choice) && typeof choice.text === 'string') {
          return answerOf(choice.text, choice.finish_reason, usage.prompt_tokens, usage.completion_tokens);
        }
        if (typeof body.content === 'string') {
          const stop = body.stop_type ?? (body.stopped_limit === true ? 'length' : undefined);
          return answerOf(body.content, stop, body.tokens_evaluated, body.tokens_predicted);
        }
        return undefined;
      },
    });
  },
};
