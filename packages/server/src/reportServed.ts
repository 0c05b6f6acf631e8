import type { RunPrompt } from '@tokenscope/core';
import type { GenerateRequest, GenerateResult, ModelInfo } from '@tokenscope/local';
import type { Context } from 'hono';
import type { AppContext } from './AppContext.js';
import { recordServed } from './recordServed.js';
import type { GenAiOperation } from './telemetry/genAi.js';
import { traceServedAnswer } from './telemetry/traceServed.js';

/** One answer of `/v1` as the routes report it once its generation ended. */
export interface ServedAnswer {
  operation: GenAiOperation;
  /** The request body as the client sent it (the span's request attributes). */
  body: unknown;
  requestedModel: string;
  dataset: string | undefined;
  prompt: RunPrompt;
  request: GenerateRequest;
  /** The answer's id (`chatcmpl-...`, `cmpl-...`, `resp_...`). */
  id: string;
  results: readonly GenerateResult[];
  info: ModelInfo;
}

/**
 * Reports a finished answer: `serve --record` saves it after the answer is sent (recordServed.ts),
 * `--otlp-endpoint` ends its span with the answer's figures (telemetry/traceServed.ts). Each does
 * nothing when it is off.
 */
export function reportServed(c: Context, app: AppContext, answer: ServedAnswer): void {
  const { requestedModel, dataset, prompt, request, results, info } = answer;
  recordServed(app.recording, { requestedModel, dataset, prompt, request, results, info });
  traceServedAnswer(c, {
    operation: answer.operation,
    body: answer.body,
    prompt,
    id: answer.id,
    results,
    info,
  });
}
