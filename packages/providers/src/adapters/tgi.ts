import { displayUrl } from '../http/baseUrl.js';
import type { ProviderAdapter } from '../Provider.js';
import { defined, toPrompt, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';

const LABEL = 'Hugging Face TGI';

/**
 * Hugging Face TGI: `POST /generate` with `parameters.details: true, top_n_tokens` (at most 5, TGI's
 * default `--max-top-n-tokens`), or `/generate_stream` (SSE). `echo` asks for `decoder_input_details`
 * (prefill logprobs). TGI wants temperature > 0 and 0 < top_p < 1: other values are left out (greedy).
 */
export const tgi: ProviderAdapter = {
  id: 'tgi',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, 5);
    const temperature =
      request.temperature !== undefined && request.temperature > 0 ? request.temperature : undefined;
    const topP =
      request.topP !== undefined && request.topP > 0 && request.topP < 1 ? request.topP : undefined;
    return runLogprobRequest({
      provider: `${LABEL} (${displayUrl(endpoint.baseURL)})`,
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
          max_new_tokens: request.maxTokens,
          do_sample: temperature !== undefined || topP !== undefined ? true : undefined,
          temperature,
          top_p: topP,
          seed: request.seed,
          stop: request.stop,
        }),
      },
    });
  },
};
