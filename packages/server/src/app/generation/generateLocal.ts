import {
  type ConfidenceSignal,
  type ConsistencyAnalysis,
  DEFAULT_SAMPLES,
  type GenerateConstraint,
  type NewRun,
  type RunParams,
  type RunPrompt,
  samplesResponse,
} from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { RunStore } from '@tokenscope/store';
import { compareSamples } from './compareSamples.js';
import type { SendRunEvent } from './eventStream.js';
import { enginePrompt, localRequest, localResponse } from './localRequest.js';
import { sampleLocal } from './sampleLocal.js';

/** What a generation saves besides its result. */
export interface RunMeta {
  title?: string;
  tags?: string[];
}

/**
 * Generates on a local engine, streaming `start` and every `token`, then saves the run (source
 * `local`, with the evaluated prompt text and token ids, and the constraint) and sends `done` with
 * it. `confidence` `consistency` generates `samples` answers without logprobs instead and compares
 * them (`sampling`, `sample`... events; the run keeps `consistency` and one token-less completion per
 * sample); `both` does both, the logprob answer compared with the samples. A client that went
 * away aborts the generation; nothing is saved then.
 */
export async function generateLocal(
  job: {
    engine: Engine;
    model: string;
    prompt: RunPrompt;
    params: RunParams;
    meta: RunMeta;
    store: RunStore;
    /** Restricts the output; tokens then carry `constrained` and the completion its `constraint`. */
    constraint?: GenerateConstraint;
    /** Default `logprobs`. */
    confidence?: ConfidenceSignal;
    /** Answers sampling consistency compares (with `confidence` `consistency` or `both`). */
    samples?: number;
  },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<void> {
  const { engine, model, prompt, params } = job;
  const confidence = job.confidence ?? 'logprobs';
  send({ type: 'start', model, ...(prompt.kind === 'text' ? { promptText: prompt.text } : {}) });
  let run: NewRun | undefined;
  if (confidence !== 'consistency') {
    let index = 0;
    const request = localRequest(enginePrompt(prompt), params);
    if (job.constraint !== undefined) request.constraint = job.constraint;
    const result = await engine.generate(request, {
      signal,
      onToken: (token) => send({ type: 'token', index: index++, token }),
    });
    signal.throwIfAborted();
    run = {
      ...job.meta,
      source: 'local',
      model,
      prompt,
      params,
      response: localResponse(result.tokens, result, engine.info, prompt.kind === 'chat'),
      promptText: result.promptText,
      promptTokenIds: result.promptTokenIds,
    };
    if (job.constraint !== undefined) run.constraint = job.constraint;
  }
  let consistency: ConsistencyAnalysis | undefined;
  if (confidence !== 'logprobs') {
    const sampled = await sampleLocal(
      { engine, prompt: enginePrompt(prompt), params, samples: job.samples ?? DEFAULT_SAMPLES },
      send,
      signal,
    );
    // `both`: the answer generated with logprobs first, judged by the samples (as the token X-ray judges it).
    consistency = compareSamples(sampled, run?.response.completions[0]);
  }
  run ??= {
    ...job.meta,
    source: 'local',
    model,
    prompt,
    params,
    response: samplesResponse(consistency!, {
      format: prompt.kind === 'chat' ? 'openai-chat' : 'openai-completions',
      model: engine.info.id,
    }),
  };
  if (consistency !== undefined) run.consistency = consistency;
  send({ type: 'done', run: await job.store.save(run) });
}
