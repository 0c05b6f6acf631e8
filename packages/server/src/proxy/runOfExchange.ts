import type { LogprobResponse, NewRun, RunParams, RunPrompt, RunRole } from '@tokenscope/core';
import { isRecord } from '@tokenscope/core';
import type { ProxiedKind } from './planLogprobs.js';

type Json = Record<string, unknown>;

const ROLES: ReadonlySet<string> = new Set<RunRole>(['system', 'user', 'assistant', 'developer']);

const PROVIDERS: Record<ProxiedKind, string> = {
  chat: 'openai-chat',
  completions: 'openai-completions',
  responses: 'openai-responses',
};

/** A message's text: a string, or the text of its parts (`text`, `input_text`, `output_text`). */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter(isRecord)
    .flatMap((part) => (typeof part.text === 'string' ? [part.text] : []));
  return texts.length > 0 ? texts.join('') : undefined;
}

/** Chat messages with a known role and some text (tool calls and results are left out). */
function messagesOf(items: unknown): Array<{ role: RunRole; content: string }> {
  if (!Array.isArray(items)) return [];
  return items.filter(isRecord).flatMap((m) => {
    const content = textOf(m.content);
    return typeof m.role === 'string' && ROLES.has(m.role) && content !== undefined
      ? [{ role: m.role as RunRole, content }]
      : [];
  });
}

/** The prompt of a proxied request as a run keeps it (null: a completions prompt of token ids). */
export function promptOf(kind: ProxiedKind, request: Json): RunPrompt | null {
  if (kind === 'chat') return { kind: 'chat', messages: messagesOf(request.messages) };
  if (kind === 'completions') {
    const prompt = request.prompt;
    if (typeof prompt === 'string') return { kind: 'text', text: prompt };
    if (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p) => typeof p === 'string')) {
      return { kind: 'text', text: prompt.join('\n') };
    }
    return null; // token ids
  }
  const messages =
    typeof request.input === 'string'
      ? [{ role: 'user' as const, content: request.input }]
      : messagesOf(request.input);
  if (typeof request.instructions === 'string')
    messages.unshift({ role: 'system', content: request.instructions });
  return { kind: 'chat', messages };
}

function numberOf(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function paramsOf(request: Json, topLogprobs: number): RunParams {
  const params: RunParams = { topLogprobs };
  const temperature = numberOf(request.temperature);
  if (temperature !== undefined) params.temperature = temperature;
  const topP = numberOf(request.top_p);
  if (topP !== undefined) params.topP = topP;
  const maxTokens = numberOf(request.max_completion_tokens, request.max_tokens, request.max_output_tokens);
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  const seed = numberOf(request.seed);
  if (seed !== undefined) params.seed = seed;
  const stop = request.stop;
  if (typeof stop === 'string') params.stop = [stop];
  else if (Array.isArray(stop) && stop.every((s) => typeof s === 'string')) params.stop = stop;
  return params;
}

/** What one exchange through the proxy is saved as: source `proxy`, the upstream as the endpoint. */
export interface Exchange {
  kind: ProxiedKind;
  /** The client's request body. */
  request: Json;
  /** Alternatives per token the upstream was asked for. */
  topLogprobs: number;
  /** The upstream's base URL (no key, no query). */
  endpoint: string;
  /** The upstream's whole response, parsed (logprobs included). */
  response: LogprobResponse;
}

/** The run an exchange is recorded as (the store gives it its default title). */
export function runOfExchange(exchange: Exchange): NewRun {
  const { kind, request, response } = exchange;
  const model = response.model ?? (typeof request.model === 'string' ? request.model : 'unknown');
  return {
    source: 'proxy',
    model,
    endpoint: exchange.endpoint,
    provider: PROVIDERS[kind],
    prompt: promptOf(kind, request),
    params: paramsOf(request, exchange.topLogprobs),
    response,
  };
}
