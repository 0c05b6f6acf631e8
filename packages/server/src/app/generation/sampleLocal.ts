import type { ConsistencySample, RunParams } from '@tokenscope/core';
import type { Engine, GenerateRequest } from '@tokenscope/local';
import { consistencyTemperature, type SampledAnswers } from '@tokenscope/providers';
import type { SendRunEvent } from './eventStream.js';
import { localRequest } from './localRequest.js';

/**
 * Sampling consistency on a local model: `samples` generations one after the other, without
 * logprobs, at `consistencyTemperature` (at least 0.7); a `seed` becomes seed, seed + 1, ... so the
 * samples are reproducible yet differ. Sends `sampling`, then `sample` after each answer.
 */
export async function sampleLocal(
  job: { engine: Engine; prompt: GenerateRequest['prompt']; params: RunParams; samples: number },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<SampledAnswers> {
  const { params, samples } = job;
  const temperature = consistencyTemperature(params.temperature);
  send({ type: 'sampling', samples, temperature });
  const started = Date.now();
  const answers: ConsistencySample[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  for (let i = 0; i < samples; i++) {
    const request = localRequest(job.prompt, {
      ...params,
      temperature,
      ...(params.seed === undefined ? {} : { seed: params.seed + i }),
    });
    request.logprobs = false;
    delete request.topLogprobs;
    const result = await job.engine.generate(request, { signal });
    signal.throwIfAborted();
    answers.push({ text: result.text, finishReason: result.finishReason });
    promptTokens += result.usage.promptTokens;
    completionTokens += result.usage.completionTokens;
    send({ type: 'sample', done: i + 1, of: samples });
  }
  return {
    samples: answers,
    temperature,
    cost: { requests: samples, promptTokens, completionTokens, ms: Date.now() - started },
  };
}
