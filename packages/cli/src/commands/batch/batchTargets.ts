/**
 * Where a batch's request rows run: the local model (one request at a time, in its own process) or
 * a remote endpoint through a provider adapter (`--concurrency` requests at once; retries with
 * backoff on 408/409/429/5xx honouring `retry-after`, in the providers' HTTP module). With
 * `--confidence consistency|both` each row's run also carries its sampling-consistency result; with
 * `logprobs` (the default) an endpoint that refuses or ignores logprobs falls back to sampling.
 */
import {
  type ConfidenceSignal,
  type ConsistencyAnalysis,
  type FormatId,
  type LogprobResponse,
  type NewRun,
  type RunParams,
  samplesResponse,
} from '@tokenscope/core';
import {
  completeRetryingTemperature,
  getAdapter,
  LogprobsUnsupportedError,
  type ProviderId,
  type SampledAnswers,
  sampleAnswers,
} from '@tokenscope/providers';
import {
  enginePrompt,
  localRequest,
  localResponse,
  providerOf,
  publicBaseURL,
  remoteRequest,
} from '@tokenscope/server';
import { consistencyOf } from '../../consistency/consistencyOf.js';
import { fallbackNotice } from '../../consistency/fallbackNotice.js';
import { sampleLocal } from '../../consistency/sampleLocal.js';
import type { CliIo } from '../../io/CliIo.js';
import { type LocalModelOptions, openLocalModel } from '../../models/openLocalModel.js';
import type { ConfidenceOptions } from '../../options/confidenceOptions.js';
import { endpointOf } from '../../options/remoteOptions.js';
import type { BatchTarget } from './runBatch.js';

/**
 * Compares a row's samples (with `--confidence both`, against the answer generated with logprobs, as
 * `ask` and the app do); says once per batch when the endpoint refused the temperature.
 */
function consistencyReader(
  io: CliIo,
): (sampled: SampledAnswers, reference: LogprobResponse | undefined) => ConsistencyAnalysis {
  let told = false;
  return (sampled, reference) => {
    const tell = sampled.temperatureRefused !== undefined && !told;
    if (tell) told = true;
    return consistencyOf(sampled, tell ? io : undefined, reference?.completions[0]);
  };
}

/** A run's response and consistency result: the samples stand for the response when there are no logprobs. */
function answerOf(
  response: LogprobResponse | undefined,
  consistency: ConsistencyAnalysis | undefined,
  meta: { format: FormatId; model: string },
): Pick<NewRun, 'response' | 'consistency'> {
  return {
    response: response ?? samplesResponse(consistency!, meta),
    ...(consistency && { consistency }),
  };
}

/** A local GGUF model: a row's `model` must name it (or be absent). */
export async function localTarget(
  options: LocalModelOptions,
  params: RunParams,
  confidence: ConfidenceOptions,
  io: CliIo,
): Promise<BatchTarget> {
  const engine = await openLocalModel(options, io);
  const { id, path } = engine.info;
  const names = new Set([id, `${id}.gguf`, path]);
  const read = consistencyReader(io);
  return {
    concurrency: 1,
    async run(row, signal) {
      if (row.model !== undefined && !names.has(row.model)) {
        throw new Error(
          `the row asks for model ${JSON.stringify(row.model)} but this batch runs ${id} locally: run one batch per local model (--model), or send the rows to a server with --base-url`,
        );
      }
      const merged = { ...params, ...row.params };
      const request = localRequest(enginePrompt(row.prompt), merged);
      const chat = row.prompt.kind === 'chat';
      let response: LogprobResponse | undefined;
      let consistency: ConsistencyAnalysis | undefined;
      let extra: Pick<NewRun, 'promptText' | 'promptTokenIds'> = {};
      if (confidence.confidence !== 'consistency') {
        const result = await engine.generate(request, { signal });
        response = localResponse(result.tokens, result, engine.info, chat);
        extra = { promptText: result.promptText, promptTokenIds: result.promptTokenIds };
      }
      if (confidence.confidence !== 'logprobs') {
        consistency = read(await sampleLocal(engine, request, confidence.samples, signal), response);
      }
      const model = `${id}.gguf`;
      return {
        source: 'local',
        model,
        prompt: row.prompt,
        params: merged,
        ...answerOf(response, consistency, { format: chat ? 'openai-chat' : 'openai-completions', model }),
        ...extra,
      } satisfies NewRun;
    },
    close: () => engine.close(),
  };
}

export interface RemoteTargetOptions extends ConfidenceOptions {
  baseUrl: string;
  provider?: ProviderId;
  apiKey?: string;
  model?: string;
  concurrency: number;
  retries: number;
  timeout?: number;
}

/**
 * Any endpoint the providers speak; a row's `model` wins over `--model`. Once the endpoint has
 * refused (or ignored) logprobs, later rows go straight to sampling: one line on stderr says so.
 */
export function remoteTarget(options: RemoteTargetOptions, params: RunParams, io: CliIo): BatchTarget {
  const endpoint = { ...endpointOf(options.baseUrl, options, io.env), maxRetries: options.retries };
  const signalAsked: ConfidenceSignal = options.confidence;
  const read = consistencyReader(io);
  let refused = false;
  let toldTemperature = false;
  return {
    concurrency: options.concurrency,
    async run(row, signal) {
      const model = row.model ?? options.model;
      if (model === undefined) throw new Error('no model: give the row a "model", or pass --model');
      const merged = { ...params, ...row.params };
      const provider = providerOf(row.prompt, options.provider);
      const adapter = getAdapter(provider);
      const request = remoteRequest(model, row.prompt, merged);
      let response: LogprobResponse | undefined;
      let consistency: ConsistencyAnalysis | undefined;
      if (signalAsked !== 'consistency' && !refused) {
        try {
          response = await completeRetryingTemperature(adapter, endpoint, request, { signal }, (refusal) => {
            if (toldTemperature) return;
            toldTemperature = true;
            io.stderr.write(
              `tokenscope: batch: the endpoint refused temperature ${request.temperature} (${refusal.message}); rows are asked again without it (the model's default)\n`,
            );
          });
        } catch (error) {
          if (!(error instanceof LogprobsUnsupportedError)) throw error;
          if (!refused) {
            refused = true;
            io.stderr.write(
              `tokenscope: batch: ${fallbackNotice(error, options.samples, merged.temperature).line} (this row and the next ones)\n`,
            );
          }
        }
      }
      if (signalAsked !== 'logprobs' || response === undefined) {
        const sampled = await sampleAnswers(adapter, endpoint, request, { samples: options.samples, signal });
        consistency = read(sampled, response);
      }
      return {
        source: 'remote',
        model,
        endpoint: publicBaseURL(options.baseUrl),
        provider,
        prompt: row.prompt,
        params: merged,
        ...answerOf(response, consistency, { format: provider, model }),
      } satisfies NewRun;
    },
  };
}
