/**
 * `tokenscope serve --record`: every `/v1` answer the server gives is saved in the run store (source
 * `local`, the requested model, the dataset named by the `X-Tokenscope-Dataset` header), so a team
 * that points its applications at the server sees their answers in the app's datasets view. Logprobs
 * are computed for every recorded request (the client still gets only what it asked for). The save
 * happens after the answer is sent and never fails the request: errors go to `onError`.
 */
import type { LogprobResponse, NewRun, RunParams, RunPrompt } from '@tokenscope/core';
import type { GenerateRequest, GenerateResult } from '@tokenscope/local';
import type { RunStore } from '@tokenscope/store';
import type { Context } from 'hono';
import { ApiError } from './ApiError.js';

export interface ServeRecording {
  store: RunStore;
  onRecord?: (run: { id: string; model: string; dataset?: string }) => void;
  onError?: (error: Error) => void;
}

export const DATASET_HEADER = 'X-Tokenscope-Dataset';

/** The dataset a request names (checked before anything runs); undefined without the header. */
export function datasetOf(c: Context): string | undefined {
  const value = c.req.header(DATASET_HEADER);
  if (value === undefined) return undefined;
  const name = value.trim();
  if (name === '' || [...name].length > 200 || [...name].some(isControl)) {
    throw new ApiError(
      400,
      'invalid_request_error',
      `Invalid '${DATASET_HEADER}' header: expected a dataset name of 1-200 printable characters`,
      {
        param: DATASET_HEADER,
        code: 'invalid_dataset',
      },
    );
  }
  return name;
}

export function recordServed(
  recording: ServeRecording | undefined,
  exchange: {
    requestedModel: string;
    dataset: string | undefined;
    prompt: RunPrompt;
    request: GenerateRequest;
    results: readonly GenerateResult[];
    /** The answer as one response of all its choices (built on first call, shared with telemetry). */
    response: () => LogprobResponse;
  },
): void {
  if (recording === undefined || exchange.results.length === 0) return;
  const { request, results } = exchange;
  const params: RunParams = {};
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.topP !== undefined) params.topP = request.topP;
  if (request.maxTokens !== undefined) params.maxTokens = request.maxTokens;
  if (request.topLogprobs !== undefined) params.topLogprobs = request.topLogprobs;
  if (request.seed !== undefined) params.seed = request.seed;
  if (request.stop !== undefined) params.stop = request.stop;
  if (request.distribution !== undefined) params.distribution = request.distribution;
  const run: NewRun = {
    source: 'local',
    model: exchange.requestedModel,
    prompt: exchange.prompt,
    params,
    response: exchange.response(),
    tags: ['serve'],
    ...(results[0]!.promptText === undefined ? {} : { promptText: results[0]!.promptText }),
    ...(exchange.dataset === undefined ? {} : { dataset: exchange.dataset }),
  };
  setImmediate(() => {
    recording.store
      .save(run)
      .then((saved) =>
        recording.onRecord?.({
          id: saved.id,
          model: saved.model,
          ...(saved.dataset === undefined ? {} : { dataset: saved.dataset }),
        }),
      )
      .catch((error: unknown) =>
        recording.onError?.(error instanceof Error ? error : new Error(String(error))),
      );
  });
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}
