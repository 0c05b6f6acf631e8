import type { Engine, GenerateRequest, GenerationConstraint } from '@tokenscope/local';
import { ApiError } from './ApiError.js';
import { type ConstraintFields, toConstraint } from './constraintFields.js';

/** OpenAI's limit for `top_logprobs` (chat) and tokenscope's default limit for legacy `logprobs`. */
export const TOP_LOGPROBS_LIMIT = 20;

/** Fields chat and completions share, after validation. */
export interface SamplingFields {
  temperature?: number | null | undefined;
  top_p?: number | null | undefined;
  top_k?: number | null | undefined;
  min_p?: number | null | undefined;
  ignore_eos?: boolean | null | undefined;
  min_tokens?: number | null | undefined;
  stop?: string | string[] | null | undefined;
  logprobs_distribution?: 'raw' | 'processed' | null | undefined;
  tokenscope?:
    | { allow_large_top_logprobs?: boolean | undefined; constraint?: GenerationConstraint | undefined }
    | undefined;
  response_format?: ConstraintFields['response_format'];
}

/**
 * Checks a requested number of alternatives: at most `limit` (20; OpenAI's own limits are 20 for
 * chat, 5 for legacy completions), or up to the vocabulary size with
 * `"tokenscope": {"allow_large_top_logprobs": true}`.
 */
export function checkTopLogprobs(
  value: number,
  param: string,
  engine: Engine,
  fields: SamplingFields,
): number {
  const vocab = engine.info.vocabSize;
  const allowLarge = fields.tokenscope?.allow_large_top_logprobs === true;
  if (value > TOP_LOGPROBS_LIMIT && !allowLarge) {
    throw ApiError.invalid(
      param,
      `Invalid '${param}': expected at most ${TOP_LOGPROBS_LIMIT} (got ${value}); send "tokenscope": ` +
        `{"allow_large_top_logprobs": true} for up to the vocabulary size (${vocab})`,
    );
  }
  if (value > vocab) {
    throw ApiError.invalid(
      param,
      `Invalid '${param}': expected at most the vocabulary size of ${engine.info.id}, ${vocab} (got ${value})`,
    );
  }
  return value;
}

/** The sampling part of an engine request, from OpenAI's fields (null and absent mean the default). */
export function toGenerateRequest(
  fields: SamplingFields,
  prompt: GenerateRequest['prompt'],
): GenerateRequest {
  const request: GenerateRequest = { prompt };
  if (fields.temperature != null) request.temperature = fields.temperature;
  if (fields.top_p != null) request.topP = fields.top_p;
  if (fields.top_k != null) request.topK = fields.top_k;
  if (fields.min_p != null) request.minP = fields.min_p;
  if (fields.ignore_eos === true) request.ignoreEos = true;
  if (fields.min_tokens != null && fields.min_tokens > 0) request.minTokens = fields.min_tokens;
  const stop = typeof fields.stop === 'string' ? [fields.stop] : (fields.stop ?? []);
  const nonEmpty = stop.filter((s) => s !== '');
  if (nonEmpty.length > 0) request.stop = nonEmpty;
  request.distribution = fields.logprobs_distribution ?? 'raw';
  const constraint = toConstraint(fields);
  if (constraint !== undefined) request.constraint = constraint;
  return request;
}

/** 400 when `min_tokens` exceeds the request's token limit (vLLM refuses it the same way). */
export function checkMinTokens(request: GenerateRequest, maxParam: string): void {
  const { minTokens, maxTokens } = request;
  if (minTokens === undefined || maxTokens === undefined || minTokens <= maxTokens) return;
  throw ApiError.invalid(
    'min_tokens',
    `Invalid 'min_tokens': expected at most ${maxParam} (${maxTokens}), got ${minTokens}`,
  );
}

/**
 * 400 `context_length_exceeded` when the prompt (`promptTokens` long) leaves no room in the engine's
 * context; OpenAI's wording.
 */
export function checkContextLength(engine: Engine, promptTokens: number, param: string): void {
  const size = engine.info.contextSize;
  if (promptTokens < size) return;
  throw new ApiError(
    400,
    'invalid_request_error',
    `This model's maximum context length is ${size} tokens, but your ${param} has ${promptTokens} tokens; ` +
      'shorten it (the context must also hold at least one generated token)',
    { param, code: 'context_length_exceeded' },
  );
}
