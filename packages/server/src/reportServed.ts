import type { LogprobResponse, RunPrompt } from '@tokenscope/core';
import type { GenerateRequest, GenerateResult, ModelInfo } from '@tokenscope/local';
import type { Context } from 'hono';
import type { AppContext } from './AppContext.js';
import { localResponse } from './app/generation/localRequest.js';
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
 * nothing when it is off; the response both use is built once, and only when one of them is on.
 */
export function reportServed(c: Context, app: AppContext, answer: ServedAnswer): void {
  let built: LogprobResponse | undefined;
  const response = () => (built ??= servedResponse(answer));
  recordServed(app.recording, { ...answer, response });
  traceServedAnswer(c, { ...answer, response });
}

/** The answer as one response: each result's completion (`localResponse`), indexed as its choice. */
function servedResponse({ results, info, prompt }: ServedAnswer): LogprobResponse {
  const responses = results.map((r) => localResponse(r.tokens, r, info, prompt.kind === 'chat'));
  return {
    ...responses[0]!,
    completions: responses.map((r, index) => ({ ...r.completions[0]!, index })),
  };
}
