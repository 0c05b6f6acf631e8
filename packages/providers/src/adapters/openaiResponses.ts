import { displayUrl } from '../http/baseUrl.js';
import type { ProviderAdapter } from '../Provider.js';
import { defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';

const LABEL = 'OpenAI Responses';

/**
 * `POST {baseURL}/responses` with `include: ["message.output_text.logprobs"]` and `top_logprobs`
 * (0-20); streamed as `response.output_text.delta` events. No prompt logprobs.
 */
export const openaiResponses: ProviderAdapter = {
  id: 'openai-responses',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    return runLogprobRequest({
      provider: `${LABEL} (${displayUrl(endpoint.baseURL)})`,
      endpoint,
      request,
      options,
      path: '/responses',
      framing: 'sse',
      from: 'openai-responses',
      body: defined({
        model: request.model,
        input: toMessages(request).map((m) => ({ role: m.role, content: m.content })),
        include: ['message.output_text.logprobs'],
        top_logprobs: topLogprobs(request, 20),
        max_output_tokens: request.maxTokens,
        temperature: request.temperature,
        top_p: request.topP,
        stream: options.stream ? true : undefined,
      }),
    });
  },
};
