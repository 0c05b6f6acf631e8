/**
 * Where a batch's request rows run: the local model (one request at a time, in its own process) or
 * a remote endpoint through a provider adapter (`--concurrency` requests at once; retries with
 * backoff on 408/409/429/5xx honouring `retry-after`, in the providers' HTTP module).
 */
import type { NewRun, RunParams } from '@tokenscope/core';
import { getAdapter, type ProviderId } from '@tokenscope/providers';
import {
  enginePrompt,
  localRequest,
  localResponse,
  providerOf,
  publicBaseURL,
  remoteRequest,
} from '@tokenscope/server';
import type { CliIo } from '../../io/CliIo.js';
import { type LocalModelOptions, openLocalModel } from '../../models/openLocalModel.js';
import { endpointOf } from '../../options/remoteOptions.js';
import type { BatchTarget } from './runBatch.js';

/** A local GGUF model: a row's `model` must name it (or be absent). */
export async function localTarget(
  options: LocalModelOptions,
  params: RunParams,
  io: CliIo,
): Promise<BatchTarget> {
  const engine = await openLocalModel(options, io);
  const { id, path } = engine.info;
  const names = new Set([id, `${id}.gguf`, path]);
  return {
    concurrency: 1,
    async run(row, signal) {
      if (row.model !== undefined && !names.has(row.model)) {
        throw new Error(
          `the row asks for model ${JSON.stringify(row.model)} but this batch runs ${id} locally: run one batch per local model (--model), or send the rows to a server with --base-url`,
        );
      }
      const merged = { ...params, ...row.params };
      const result = await engine.generate(localRequest(enginePrompt(row.prompt), merged), { signal });
      return {
        source: 'local',
        model: `${id}.gguf`,
        prompt: row.prompt,
        params: merged,
        response: localResponse(result.tokens, result, engine.info, row.prompt.kind === 'chat'),
        promptText: result.promptText,
        promptTokenIds: result.promptTokenIds,
      } satisfies NewRun;
    },
    close: () => engine.close(),
  };
}

export interface RemoteTargetOptions {
  baseUrl: string;
  provider?: ProviderId;
  apiKey?: string;
  model?: string;
  concurrency: number;
  retries: number;
  timeout?: number;
}

/** Any endpoint the providers speak; a row's `model` wins over `--model`. */
export function remoteTarget(options: RemoteTargetOptions, params: RunParams, io: CliIo): BatchTarget {
  const endpoint = { ...endpointOf(options.baseUrl, options, io.env), maxRetries: options.retries };
  return {
    concurrency: options.concurrency,
    async run(row, signal) {
      const model = row.model ?? options.model;
      if (model === undefined) throw new Error('no model: give the row a "model", or pass --model');
      const merged = { ...params, ...row.params };
      const provider = providerOf(row.prompt, options.provider);
      const response = await getAdapter(provider).complete(
        endpoint,
        remoteRequest(model, row.prompt, merged),
        { signal },
      );
      return {
        source: 'remote',
        model,
        endpoint: publicBaseURL(options.baseUrl),
        provider,
        prompt: row.prompt,
        params: merged,
        response,
      } satisfies NewRun;
    },
  };
}
