/**
 * What a span says about one exchange (a request to a model and its answer), as a pure function: the
 * GenAI semantic conventions' attributes, and Tokenscope's confidence figures under `tokenscope.`
 * (core's `analyze` and `gate` of completion 0). Prompt and answer text are left out unless `content`
 * is set, as the conventions' opt-in content capture asks.
 */
import type { Attributes } from '@opentelemetry/api';
import {
  analyze,
  type GateOptions,
  gate,
  isRecord,
  type LogprobResponse,
  type RunPrompt,
} from '@tokenscope/core';
import { GEN_AI, type GenAiOperation, TOKENSCOPE } from './genAi.js';

/** The request half of an exchange: known when the span starts. */
export interface TracedRequest {
  operation: GenAiOperation;
  /** `gen_ai.provider.name` (and the older `gen_ai.system`). */
  provider: string;
  /** The request body as the client sent it (OpenAI's field names). */
  body: unknown;
  /** What was asked, for `gen_ai.input.messages` (with `content` only). */
  prompt: RunPrompt | null;
}

/** The answer half: known when the response (or the stream) ended. */
export interface TracedResponse {
  response: LogprobResponse;
  usage?: { inputTokens?: number; outputTokens?: number };
}

export interface AttributeOptions {
  /** Add the prompt and the answer text (`gen_ai.input.messages`, `gen_ai.output.messages`). */
  content?: boolean;
  /** Thresholds of core's gate (default: core's, -0.5 / -1.5). */
  gate?: GateOptions;
}

/** The span name the conventions give: `{gen_ai.operation.name} {gen_ai.request.model}`. */
export function spanName(request: Pick<TracedRequest, 'operation' | 'body'>): string {
  const model = requestModel(request.body);
  return model === undefined ? request.operation : `${request.operation} ${model}`;
}

/** The model a request body names. */
export function requestModel(body: unknown): string | undefined {
  return isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
}

function finite(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** The request's attributes (set when the span starts, so a failed exchange has them too). */
export function requestAttributes(request: TracedRequest, options: AttributeOptions = {}): Attributes {
  const body = isRecord(request.body) ? request.body : {};
  const attributes: Attributes = {
    [GEN_AI.operationName]: request.operation,
    [GEN_AI.providerName]: request.provider,
    [GEN_AI.system]: request.provider,
  };
  const set = (key: string, value: number | boolean | string | undefined) => {
    if (value !== undefined) attributes[key] = value;
  };
  set(GEN_AI.requestModel, requestModel(body));
  set(GEN_AI.requestMaxTokens, finite(body.max_completion_tokens, body.max_tokens, body.max_output_tokens));
  set(GEN_AI.requestTemperature, finite(body.temperature));
  set(GEN_AI.requestTopP, finite(body.top_p));
  set(GEN_AI.requestSeed, finite(body.seed));
  const n = finite(body.n);
  if (n !== undefined && n !== 1) attributes[GEN_AI.requestChoiceCount] = n;
  if (body.stream === true) attributes[GEN_AI.requestStream] = true;
  if (options.content && request.prompt) {
    attributes[GEN_AI.inputMessages] = JSON.stringify(inputMessages(request.prompt));
  }
  return attributes;
}

/** The answer's attributes: response id and model, finish reasons, usage, Tokenscope's figures. */
export function responseAttributes(answer: TracedResponse, options: AttributeOptions = {}): Attributes {
  const { response, usage } = answer;
  const attributes: Attributes = {};
  if (response.id !== undefined) attributes[GEN_AI.responseId] = response.id;
  if (response.model !== undefined) attributes[GEN_AI.responseModel] = response.model;
  const reasons = response.completions.flatMap((c) => (c.finishReason === undefined ? [] : [c.finishReason]));
  if (reasons.length > 0) attributes[GEN_AI.responseFinishReasons] = reasons;
  const input = usage?.inputTokens;
  if (input !== undefined) attributes[GEN_AI.usageInputTokens] = input;
  // without the upstream's usage, the tokens of the answer are counted (they came with their logprobs)
  const output =
    usage?.outputTokens ??
    (response.completions.length > 0
      ? response.completions.reduce((sum, c) => sum + c.tokens.length, 0)
      : undefined);
  if (output !== undefined) attributes[GEN_AI.usageOutputTokens] = output;
  Object.assign(attributes, figureAttributes(response, options.gate));
  if (options.content) {
    attributes[GEN_AI.outputMessages] = JSON.stringify(
      response.completions.map((c) => ({
        role: 'assistant',
        parts: [{ type: 'text', content: c.text }],
        finish_reason: c.finishReason ?? 'stop',
      })),
    );
  }
  return attributes;
}

/** Both halves: every attribute a finished exchange's span carries. */
export function exchangeAttributes(
  request: TracedRequest,
  answer: TracedResponse,
  options: AttributeOptions = {},
): Attributes {
  return { ...requestAttributes(request, options), ...responseAttributes(answer, options) };
}

/**
 * Core's figures of completion 0 (`analyze` at its default thresholds, `gate` at `gateOptions`);
 * none when no token of it has a known logprob (an upstream that sent none).
 */
export function figureAttributes(response: LogprobResponse, gateOptions: GateOptions = {}): Attributes {
  if (response.completions.length === 0) return {};
  const analysis = analyze(response);
  const s = analysis.summary;
  if (s.scoredTokens === 0) return {};
  const gated = gate(analysis, gateOptions);
  const attributes: Attributes = {
    [TOKENSCOPE.tokens]: s.tokens,
    [TOKENSCOPE.meanLogprob]: s.meanLogprob,
    [TOKENSCOPE.perplexity]: s.perplexity,
    [TOKENSCOPE.flaggedTokens]: s.flaggedTokens,
    [TOKENSCOPE.lowConfidenceThreshold]: analysis.thresholds.lowConfidence,
    [TOKENSCOPE.gateVerdict]: gated.verdict,
    [TOKENSCOPE.gatePublish]: gated.thresholds.publish,
    [TOKENSCOPE.gateReview]: gated.thresholds.review,
    [TOKENSCOPE.gateSentencesReview]: gated.counts.review,
  };
  if (s.minProb !== null) attributes[TOKENSCOPE.minProbability] = s.minProb;
  return attributes;
}

/** The prompt in the conventions' input-messages schema (`{role, parts: [{type: 'text', content}]}`). */
function inputMessages(prompt: RunPrompt): unknown[] {
  const messages = prompt.kind === 'text' ? [{ role: 'user', content: prompt.text }] : prompt.messages;
  return messages.map((m) => ({ role: m.role, parts: [{ type: 'text', content: m.content }] }));
}
