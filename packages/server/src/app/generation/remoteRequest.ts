import type { RunParams, RunPrompt } from '@tokenscope/core';
import type { EndpointOptions, LogprobRequest, ProviderId } from '@tokenscope/providers';
import { ApiError } from '../../ApiError.js';
import type { AppServices } from '../AppServices.js';

/** The adapter a remote run uses: the one asked for, else chat prompts `openai-chat`, text `openai-completions`. */
export function providerOf(prompt: RunPrompt, provider: string | undefined): ProviderId {
  if (provider !== undefined) return provider as ProviderId;
  return prompt.kind === 'chat' ? 'openai-chat' : 'openai-completions';
}

/** Refuses params a remote endpoint cannot honour (before any stream starts). */
export function checkRemoteParams(params: RunParams): void {
  if (params.topLogprobs === 'all') {
    throw ApiError.invalid(
      'params.topLogprobs',
      "Invalid 'params.topLogprobs': 'all' (the whole vocabulary) is for local models only; remote APIs return at most 20 alternatives, send a number",
    );
  }
}

/** Where a remote request goes; the key is passed for this request only. */
export function remoteEndpoint(
  services: AppServices,
  baseURL: string,
  apiKey: string | undefined,
): EndpointOptions {
  const endpoint: EndpointOptions = { baseURL };
  if (apiKey !== undefined && apiKey !== '') endpoint.apiKey = apiKey;
  if (services.fetch !== undefined) endpoint.fetch = services.fetch;
  return endpoint;
}

/** The provider-neutral request for a prompt and the run's params. */
export function remoteRequest(model: string, prompt: RunPrompt, params: RunParams): LogprobRequest {
  const request: LogprobRequest =
    prompt.kind === 'text' ? { model, prompt: prompt.text } : { model, messages: prompt.messages };
  if (typeof params.topLogprobs === 'number') request.topLogprobs = params.topLogprobs;
  if (params.maxTokens !== undefined) request.maxTokens = params.maxTokens;
  if (params.temperature !== undefined) request.temperature = params.temperature;
  if (params.topP !== undefined) request.topP = params.topP;
  if (params.seed !== undefined) request.seed = params.seed;
  if (params.stop !== undefined) request.stop = params.stop;
  return request;
}

/** The base URL as a run keeps it: no user name, password, query or fragment (they may hold keys). */
export function publicBaseURL(baseURL: string): string {
  const url = new URL(baseURL);
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
}
