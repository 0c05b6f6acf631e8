import { isRecord } from '@tokenscope/core';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions, LogprobRequest, ProviderAdapter } from '../Provider.js';
import { defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';
import { answerOf, runSampleRequest } from './runSampleRequest.js';

const LABEL = 'Ollama';
const provider = (endpoint: EndpointOptions) => `${LABEL} (${displayUrl(endpoint.baseURL)})`;
const isChat = (request: LogprobRequest) => request.messages !== undefined && request.messages.length > 0;
/** The server root: a trailing `/v1` is dropped. */
const rootOf = (endpoint: EndpointOptions) => ({
  ...endpoint,
  baseURL: endpoint.baseURL.replace(/\/v1\/?$/, ''),
});

function baseBody(request: LogprobRequest): Record<string, unknown> {
  return {
    model: request.model,
    ...(isChat(request) ? { messages: toMessages(request) } : { prompt: request.prompt ?? '' }),
    options: defined({
      num_predict: request.maxTokens,
      temperature: request.temperature,
      top_p: request.topP,
      seed: request.seed,
      stop: request.stop,
    }),
  };
}

/**
 * Ollama's native API (>= 0.12.11): `POST /api/chat` for messages, `/api/generate` for a prompt, with
 * `logprobs: true, top_logprobs` (0-20); streams are JSON lines. The base URL is the server root
 * (`http://localhost:11434`; a trailing `/v1` is dropped: use `openai-chat` for Ollama's `/v1`).
 * `sample` sends `stream: false` without `logprobs` and reads `message.content` (chat) or `response`.
 */
export const ollama: ProviderAdapter = {
  id: 'ollama',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    return runLogprobRequest({
      provider: provider(endpoint),
      endpoint: rootOf(endpoint),
      request,
      options,
      path: isChat(request) ? '/api/chat' : '/api/generate',
      framing: 'ndjson',
      from: 'ollama',
      body: defined({
        ...baseBody(request),
        stream: options.stream === true,
        logprobs: true,
        top_logprobs: topLogprobs(request, 20),
      }),
    });
  },
  sample(endpoint, request, options = {}) {
    const chat = isChat(request);
    return runSampleRequest({
      provider: provider(endpoint),
      endpoint: rootOf(endpoint),
      signal: options.signal,
      path: chat ? '/api/chat' : '/api/generate',
      body: defined({ ...baseBody(request), stream: false }),
      textAt: chat ? 'message.content' : 'response',
      read: (body) => {
        const text = chat ? (isRecord(body.message) ? body.message.content : undefined) : body.response;
        if (typeof text !== 'string') return undefined;
        return answerOf(text, body.done_reason, body.prompt_eval_count, body.eval_count);
      },
    });
  },
};
