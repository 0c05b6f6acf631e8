import type {
  ConstraintInfo,
  Distribution,
  LogprobResponse,
  RunParams,
  RunPrompt,
  Token,
} from '@tokenscope/core';
import { buildCompletion } from '@tokenscope/core';
import type { GenerateRequest, ModelInfo } from '@tokenscope/local';

/** The engine's default `maxTokens` for text and token prompts. */
export const TEXT_DEFAULT_MAX_TOKENS = 16;

/** A run's prompt as the engine takes it. */
export function enginePrompt(prompt: RunPrompt): GenerateRequest['prompt'] {
  return prompt.kind === 'text' ? prompt.text : { messages: prompt.messages };
}

/** The engine request for a prompt and the run's params (logprobs on; `raw` values by default). */
export function localRequest(prompt: GenerateRequest['prompt'], params: RunParams): GenerateRequest {
  const request: GenerateRequest = { prompt, logprobs: true };
  if (params.temperature !== undefined) request.temperature = params.temperature;
  if (params.topP !== undefined) request.topP = params.topP;
  if (params.maxTokens !== undefined) request.maxTokens = params.maxTokens;
  if (params.topLogprobs !== undefined) request.topLogprobs = params.topLogprobs;
  if (params.seed !== undefined) request.seed = params.seed;
  if (params.stop !== undefined) request.stop = params.stop;
  if (params.distribution !== undefined) request.distribution = params.distribution;
  return request;
}

/**
 * Generated tokens as a response in the core data model (with the constraint, when there was one). The format label is the OpenAI shape the same
 * request gets from `tokenscope serve` (as `tokenscope ask` labels it).
 */
export function localResponse(
  tokens: readonly Token[],
  result: { distribution: Distribution; finishReason?: string; constraint?: ConstraintInfo },
  info: ModelInfo,
  chat: boolean,
): LogprobResponse {
  const completion = buildCompletion(tokens, {
    index: 0,
    distribution: result.distribution,
    ...(result.finishReason === undefined ? {} : { finishReason: result.finishReason }),
    vocabSize: info.vocabSize,
  });
  if (result.constraint !== undefined) completion.constraint = result.constraint;
  return { format: chat ? 'openai-chat' : 'openai-completions', model: info.id, completions: [completion] };
}
