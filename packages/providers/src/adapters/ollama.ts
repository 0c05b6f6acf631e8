import { displayUrl } from '../http/baseUrl.js';
import type { ProviderAdapter } from '../Provider.js';
import { defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';

const LABEL = 'Ollama';

/**
 * Ollama's native API (>= 0.12.11): `POST /api/chat` for messages, `/api/generate` for a prompt, with
 * `logprobs: true, top_logprobs` (0-20); streams are JSON lines. The base URL is the server root
 * (`http://localhost:11434`; a trailing `/v1` is dropped: use `openai-chat` for Ollama's `/v1`).
 */
export const ollama: ProviderAdapter = {
  id: 'ollama',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const chat = request.messages !== undefined && request.messages.length > 0;
    return runLogprobRequest({
      provider: `${LABEL} (${displayUrl(endpoint.baseURL)})`,
      endpoint: { ...endpoint, baseURL: endpoint.baseURL.replace(/\/v1\/?$/, '') },
      request,
      options,
      path: chat ? '/api/chat' : '/api/generate',
      framing: 'ndjson',
      from: 'ollama',
      body: defined({
        model: request.model,
        ...(chat ? { messages: toMessages(request) } : { prompt: request.prompt ?? '' }),
        stream: options.stream === true,
        logprobs: true,
        top_logprobs: topLogprobs(request, 20),
        options: defined({
          num_predict: request.maxTokens,
          temperature: request.temperature,
          top_p: request.topP,
          seed: request.seed,
          stop: request.stop,
        }),
      }),
    });
  },
};
