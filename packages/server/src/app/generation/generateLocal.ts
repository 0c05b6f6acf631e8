import type { GenerateConstraint, NewRun, RunParams, RunPrompt } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import type { RunStore } from '@tokenscope/store';
import type { SendRunEvent } from './eventStream.js';
import { enginePrompt, localRequest, localResponse } from './localRequest.js';

/** What a generation saves besides its result. */
export interface RunMeta {
  title?: string;
  tags?: string[];
}

/**
 * Generates on a local engine, streaming `start` and every `token`, then saves the run (source
 * `local`, with the evaluated prompt text and token ids, and the constraint) and sends `done` with it. A client that went
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
  },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<void> {
  const { engine, model, prompt, params } = job;
  send({ type: 'start', model, ...(prompt.kind === 'text' ? { promptText: prompt.text } : {}) });
  let index = 0;
  const request = localRequest(enginePrompt(prompt), params);
  if (job.constraint !== undefined) request.constraint = job.constraint;
  const result = await engine.generate(request, {
    signal,
    onToken: (token) => send({ type: 'token', index: index++, token }),
  });
  signal.throwIfAborted();
  const run: NewRun = {
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
  send({ type: 'done', run: await job.store.save(run) });
}
