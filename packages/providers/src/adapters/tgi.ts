import { isRecord } from '@tokenscope/core';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions, LogprobRequest, ProviderAdapter } from '../Provider.js';
import { defined, toPrompt, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';
import { answerOf, runSampleRequest } from './runSampleRequest.js';

const LABEL = 'Hugging Face TGI';
const provider = (endpoint: EndpointOptions) => `${LABEL} (${displayUrl(endpoint.baseURL)})`;

/** Sampling parameters: TGI wants temperature > 0 and 0 < top_p < 1; other values are left out (greedy). */
function sampling(request: LogprobRequest): Record<string, unknown> {
  const temperature =
    request.temperature !== undefined && request.temperature > 0 ? request.temperature : undefined;
  const topP = request.topP !== undefined && request.topP > 0 && request.topP < 1 ? request.topP : undefined;
  return {
    max_new_tokens: request.maxTokens,
    do_sample: temperature !== undefined || topP !== undefined ? true : undefined,
    temperature,
    top_p: topP,
    seed: request.seed,
    stop: request.stop,
  };
}

/**
 * Hugging Face TGI: `POST /generate` with `parameters.details: true, top_n_tokens` (at most 5, TGI's
 * default `--max-top-n-tokens`), or `/generate_stream` (SSE). `echo` asks for `decoder_input_details`
 * (prefill logprobs). TGI wants temperature > 0 and 0 < top_p < 1: other values are left out (greedy).
 * `sample` sends `/generate` without `top_n_tokens` and `decoder_input_details` (`details` stays: it
 * carries the finish reason and token count) and reads `generated_text`.
 */
export const tgi: ProviderAdapter = {
  id: 'tgi',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, 5);
    return runLogprobRequest({
      provider: provider(endpoint),
      endpoint,
      request,
      options,
      path: options.stream ? '/generate_stream' : '/generate',
      framing: 'sse',
      from: 'tgi',
      body: {
        inputs: toPrompt(request),
        parameters: defined({
          details: true,
          top_n_tokens: k > 0 ? k : undefined,
          decoder_input_details: request.echo ? true : undefined,
          ...sampling(request),
        }),
      },
    });
  },
  sample(endpoint, request, options = {}) {
    return runSampleRequest({
      provider: provider(endpoint),
      endpoint,
      signal: options.signal,
      path: '/generate',
      body: { inputs: toPrompt(request), parameters: defined({ details: true, ...sampling(request) }) },
      textAt: 'generated_text',
      read: (body) => {
        if (typeof body.generated_text !== 'string') return undefined;
        const details = isRecord(body.details) ? body.details : {};
        return answerOf(body.generated_text, details.finish_reason, undefined, details.generated_tokens);
      },
    });
  },
};
