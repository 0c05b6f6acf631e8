import { isRecord } from '@tokenscope/core';
import { displayUrl } from '../http/baseUrl.js';
import type { EndpointOptions, LogprobRequest, ProviderAdapter } from '../Provider.js';
import { defined, toMessages, topLogprobs } from './requestParts.js';
import { runLogprobRequest } from './runLogprobRequest.js';
import { answerOf, runSampleRequest } from './runSampleRequest.js';

const LABEL = 'Google Gemini';
const provider = (endpoint: EndpointOptions) => `${LABEL} (${displayUrl(endpoint.baseURL)})`;
const http = { authHeader: (key: string) => ({ 'x-goog-api-key': key }) };
const modelPath = (request: LogprobRequest) =>
  `/models/${encodeURIComponent(request.model.replace(/^models\//, ''))}`;

/** Contents, system instruction and the generation config's own parameters (no logprobs). */
function baseBody(request: LogprobRequest): {
  body: Record<string, unknown>;
  config: Record<string, unknown>;
} {
  const messages = toMessages(request);
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer');
  return {
    body: {
      contents: messages
        .filter((m) => !system.includes(m))
        .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
      systemInstruction: system.length > 0 ? { parts: system.map((m) => ({ text: m.content })) } : undefined,
    },
    config: {
      maxOutputTokens: request.maxTokens,
      temperature: request.temperature,
      topP: request.topP,
      seed: request.seed,
      stopSequences: request.stop,
    },
  };
}

/**
 * Google Gemini (`https://generativelanguage.googleapis.com/v1beta`): `POST /models/{model}:generateContent`
 * or `:streamGenerateContent?alt=sse`, with `generationConfig.responseLogprobs: true, logprobs: k`
 * (1-20). The key goes in `x-goog-api-key`, never in the URL. `sample` sends `generateContent` without
 * `responseLogprobs` and joins the text parts of `candidates[0]` (thought parts left out).
 */
export const gemini: ProviderAdapter = {
  id: 'gemini',
  label: LABEL,
  complete(endpoint, request, options = {}) {
    const k = topLogprobs(request, 20);
    const { body, config } = baseBody(request);
    return runLogprobRequest({
      provider: provider(endpoint),
      endpoint,
      request,
      options,
      path: `${modelPath(request)}:${options.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      framing: 'sse',
      from: 'gemini',
      http,
      body: defined({
        ...body,
        generationConfig: defined({ responseLogprobs: true, logprobs: k > 0 ? k : undefined, ...config }),
      }),
    });
  },
  sample(endpoint, request, options = {}) {
    const { body, config } = baseBody(request);
    return runSampleRequest({
      provider: provider(endpoint),
      endpoint,
      signal: options.signal,
      path: `${modelPath(request)}:generateContent`,
      http,
      body: defined({ ...body, generationConfig: defined(config) }),
      textAt: 'candidates[0].content.parts[].text',
      read: (answer) => {
        const candidate = Array.isArray(answer.candidates) ? answer.candidates[0] : undefined;
        if (!isRecord(candidate)) return undefined;
        const parts =
          isRecord(candidate.content) && Array.isArray(candidate.content.parts)
            ? candidate.content.parts
            : [];
        const text = parts
          .filter((p) => isRecord(p) && typeof p.text === 'string' && p.thought !== true)
          .map((p) => (p as { text: string }).text)
          .join('');
        const usage = isRecord(answer.usageMetadata) ? answer.usageMetadata : {};
        return answerOf(text, candidate.finishReason, usage.promptTokenCount, usage.candidatesTokenCount);
      },
    });
  },
};
