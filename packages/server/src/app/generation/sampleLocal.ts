import type { RunParams } from '@tokenscope/core';
import { type Engine, type GenerateRequest, sampleEngine } from '@tokenscope/local';
import { consistencyTemperature, type SampledAnswers } from '@tokenscope/providers';
import type { SendRunEvent } from './eventStream.js';
import { localRequest } from './localRequest.js';

/**
 * Sampling consistency on a local model (`sampleEngine`) at `consistencyTemperature` (at least 0.7).
 * Sends `sampling`, then `sample` after each answer.
 */
export async function sampleLocal(
  job: { engine: Engine; prompt: GenerateRequest['prompt']; params: RunParams; samples: number },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<SampledAnswers> {
  const { params, samples } = job;
  const temperature = consistencyTemperature(params.temperature);
  send({ type: 'sampling', samples, temperature });
  const sampled = await sampleEngine(job.engine, localRequest(job.prompt, params), {
    samples,
    temperature,
    signal,
    onSample: (done) => send({ type: 'sample', done, of: samples }),
  });
  return { ...sampled, temperature };
}
