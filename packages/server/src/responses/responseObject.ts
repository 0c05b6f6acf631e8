import type { GenerateResult } from '@tokenscope/local';
import type { ChatTokenLogprob } from '../chatLogprobs.js';
import type { ResponseRequest } from './responseRequestSchema.js';

/** A Response's `status` (`queued` and `cancelled` never happen here: nothing runs in the background). */
export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** The parts of a Response that do not change while it is generated: its id, model and echoed request. */
export type ResponseBase = ReturnType<typeof responseBase>;

/** The echoed request fields of a Response, in OpenAI's order, with OpenAI's defaults. */
export function responseBase(body: ResponseRequest, id: string, model: string, createdAt: number) {
  return {
    id,
    object: 'response' as const,
    created_at: createdAt,
    background: false,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    /** Nothing is stored, whatever was asked: no `GET /v1/responses/{id}` can find it. */
    store: false,
    temperature: body.temperature ?? 1,
    text: { format: body.text?.format ?? { type: 'text' }, verbosity: body.text?.verbosity ?? 'medium' },
    tool_choice: body.tool_choice === 'none' ? 'none' : 'auto',
    tools: [],
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

/** The `output_text` content part of the answer (`logprobs` empty unless they were included). */
export function outputText(text: string, logprobs: readonly ChatTokenLogprob[]) {
  return { type: 'output_text' as const, annotations: [], logprobs: [...logprobs], text };
}

/** The assistant's `message` output item. */
export function messageItem(
  id: string,
  status: 'in_progress' | 'completed' | 'incomplete',
  content: ReturnType<typeof outputText>[],
) {
  return { id, type: 'message' as const, status, content, role: 'assistant' as const };
}

/** `completed`, or `incomplete` when the answer was cut off (`max_output_tokens` or the context). */
export function statusOf(result: Pick<GenerateResult, 'finishReason'>): 'completed' | 'incomplete' {
  return result.finishReason === 'length' ? 'incomplete' : 'completed';
}

/** OpenAI's Responses `usage` of one answer. */
export function responseUsage(result: Pick<GenerateResult, 'usage'>) {
  const input = result.usage.promptTokens;
  const output = result.usage.completionTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + output,
  };
}

/** A whole Response object: the base, its state and output, and the `tokenscope` extension. */
export function responseObject(
  base: ResponseBase,
  state: {
    status: ResponseStatus;
    output: ReturnType<typeof messageItem>[];
    usage: ReturnType<typeof responseUsage> | null;
    error?: { code: string; message: string } | null;
    tokenscope?: Record<string, unknown>;
  },
) {
  const { id, object, created_at, ...echoed } = base;
  return {
    id,
    object,
    created_at,
    status: state.status,
    error: state.error ?? null,
    incomplete_details: state.status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    ...echoed,
    output: state.output,
    usage: state.usage,
    ...(state.tokenscope && { tokenscope: state.tokenscope }),
  };
}
