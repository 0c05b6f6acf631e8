import { displayUrl } from '../http/baseUrl.js';
import type { ProviderAdapter } from '../Provider.js';
import { defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';

const LABEL = 'Google Gemini';

/**
 * Google Gemini (`https://generativelanguage.googleapis.com/v1beta`): `POST /models/{model}:generateContent`
 * or `:streamGenerateContent?alt=sse`, with `generationConfig.responseLogprobs: true, logprobs: k`
 * (1-20). The key goes in `x-goog-api-key`, never in the URL.
 */
export const gemini: ProviderAdapter = {
  id: 'gemini',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const messages = toMessages(request);
    const system = messages.filter((m) => m.role === 'system' || m.role === 'developer');
    const k = topLogprobs(request, 20);
    const model = encodeURIComponent(request.model.replace(/^models\//, ''));
    return runLogprobRequest({
      provider: `${LABEL} (${displayUrl(endpoint.baseURL)})`,
      endpoint,
      request,
      options,
      path: `/models/${model}:${options.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      framing: 'sse',
      from: 'gemini',
      http: { authHeader: (key) => ({ 'x-goog-api-key': key }) },
      body: defined({
        contents: messages
          .filter((m) => !system.includes(m))
          .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
        systemInstruction:
          system.length > 0 ? { parts: system.map((m) => ({ text: m.content })) } : undefined,
        generationConfig: defined({
          responseLogprobs: true,
          logprobs: k > 0 ? k : undefined,
          maxOutputTokens: request.maxTokens,
          temperature: request.temperature,
          topP: request.topP,
          seed: request.seed,
          stopSequences: request.stop,
        }),
      }),
    });
  },
};
