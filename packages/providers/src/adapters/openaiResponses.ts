import { isRecord } from '@tokenscope/core';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions, LogprobRequest, ProviderAdapter } from '../Provider.js';
import { defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';
import { answerOf, runSampleRequest } from './runSampleRequest.js';

const LABEL = 'OpenAI Responses';
const provider = (endpoint: EndpointOptions) => `${LABEL} (${displayUrl(endpoint.baseURL)})`;

function baseBody(request: LogprobRequest): Record<string, unknown> {
  return {
    model: request.model,
    input: toMessages(request).map((m) => ({ role: m.role, content: m.content })),
    max_output_tokens: request.maxTokens,
    temperature: request.temperature,
    top_p: request.topP,
  };
}

/**
 * `POST {baseURL}/responses` with `include: ["message.output_text.logprobs"]` and `top_logprobs`
 * (0-20); streamed as `response.output_text.delta` events. No prompt logprobs. `sample` sends the
 * request without `include` and `top_logprobs` and joins the `output_text` parts of the message items.
 */
export const openaiResponses: ProviderAdapter = {
  id: 'openai-responses',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    return runLogprobRequest({
      provider: provider(endpoint),
      endpoint,
      request,
      options,
      path: '/responses',
      framing: 'sse',
      from: 'openai-responses',
      body: defined({
        ...baseBody(request),
        include: ['message.output_text.logprobs'],
        top_logprobs: topLogprobs(request, 20),
        stream: options.stream ? true : undefined,
      }),
    });
  },
  sample(endpoint, request, options = {}) {
    return runSampleRequest({
      provider: provider(endpoint),
      endpoint,
      signal: options.signal,
      path: '/responses',
      body: defined(baseBody(request)),
      textAt: 'output[].content[] (type "output_text")',
      read: (body) => {
        if (!Array.isArray(body.output)) return undefined;
        const parts = body.output
          .filter((item) => isRecord(item) && item.type === 'message' && Array.isArray(item.content))
          .flatMap((item) => (item as { content: unknown[] }).content)
          .filter((part) => isRecord(part) && part.type === 'output_text' && typeof part.text === 'string')
          .map((part) => (part as { text: string }).text);
        const usage = isRecord(body.usage) ? body.usage : {};
        // `status: "incomplete"` says why in incomplete_details.reason (e.g. max_output_tokens).
        const why = isRecord(body.incomplete_details) ? body.incomplete_details.reason : body.status;
        return answerOf(parts.join(''), why, usage.input_tokens, usage.output_tokens);
      },
    });
  },
};
