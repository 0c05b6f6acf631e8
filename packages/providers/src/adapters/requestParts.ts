import { InvalidOptionError } from '@tokenscope/core';
import type { EndpointOptions, LogprobRequest, RemoteMessage } from '../Provider.js';

export const DEFAULT_TOP_LOGPROBS = 5;

/** The chat messages of a request (a plain prompt becomes one user message). */
export function toMessages(request: LogprobRequest): RemoteMessage[] {
  if (request.messages && request.messages.length > 0) return request.messages;
  if (request.prompt !== undefined) return [{ role: 'user', content: request.prompt }];
  throw new InvalidOptionError('messages', 'expected messages or a prompt, got neither');
}

/** The prompt of a completions-style request (messages become their contents, one per line). */
export function toPrompt(request: LogprobRequest): string {
  if (request.prompt !== undefined) return request.prompt;
  if (request.messages && request.messages.length > 0)
    return request.messages.map((m) => m.content).join('\n');
  throw new InvalidOptionError('prompt', 'expected a prompt or messages, got neither');
}

/** Alternatives per token, clamped to `[min, max]` (the provider's limit). */
export function topLogprobs(request: LogprobRequest, max: number, min = 0): number {
  const k = Math.round(request.topLogprobs ?? DEFAULT_TOP_LOGPROBS);
  if (!Number.isFinite(k)) throw new InvalidOptionError('topLogprobs', `expected a number, got ${k}`);
  return Math.max(min, Math.min(max, k));
}

/** Which dialect an OpenAI-compatible server speaks (`EndpointOptions.compat`, else from the host). */
export function compatOf(endpoint: EndpointOptions): 'openai' | 'together' | 'generic' {
  if (endpoint.compat && endpoint.compat !== 'auto') return endpoint.compat;
  let host = '';
  try {
    host = new URL(endpoint.baseURL).hostname;
  } catch {
    // an invalid URL fails later, in fetch
  }
  if (/(^|\.)together\.(xyz|ai)$/.test(host)) return 'together';
  if (host === 'api.openai.com' || host.endsWith('.openai.azure.com')) return 'openai';
  return 'generic';
}

/** Copies the defined entries of `values` (exactOptionalPropertyTypes: no `undefined` in bodies). */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
