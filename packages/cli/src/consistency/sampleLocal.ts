import { type Engine, type GenerateRequest, sampleEngine } from '@tokenscope/local';
import { consistencyTemperature, type SampledAnswers } from '@tokenscope/providers';

/** Samples the local model for sampling consistency at `consistencyTemperature` (see `sampleEngine`). */
export async function sampleLocal(
  engine: Engine,
  request: GenerateRequest,
  samples: number,
  signal?: AbortSignal,
): Promise<SampledAnswers> {
  const temperature = consistencyTemperature(request.temperature);
  const sampled = await sampleEngine(engine, request, {
    samples,
    temperature,
    ...(signal ? { signal } : {}),
  });
  return { ...sampled, temperature };
}
