import type { Engine, GenerateRequest } from '@tokenscope/local';
import { consistencyTemperature, type SampledAnswers } from '@tokenscope/providers';

/**
 * Samples the local model `samples` times for sampling consistency: the same request without
 * logprobs, at `consistencyTemperature` (the request's temperature, at least 0.7), one after the
 * other (one model process). A seed becomes seed, seed + 1, ... (reproducible, yet different samples).
 */
export async function sampleLocal(
  engine: Engine,
  request: GenerateRequest,
  samples: number,
  signal?: AbortSignal,
): Promise<SampledAnswers> {
  const temperature = consistencyTemperature(request.temperature);
  const started = Date.now();
  const answers: SampledAnswers['samples'] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  for (let i = 0; i < samples; i++) {
    const { topLogprobs: _k, echo: _e, ...rest } = request;
    const result = await engine.generate(
      {
        ...rest,
        logprobs: false,
        temperature,
        ...(request.seed !== undefined && { seed: request.seed + i }),
      },
      signal ? { signal } : {},
    );
    answers.push({ text: result.text, finishReason: result.finishReason });
    promptTokens += result.usage.promptTokens;
    completionTokens += result.usage.completionTokens;
  }
  return {
    samples: answers,
    cost: { requests: samples, promptTokens, completionTokens, ms: Date.now() - started },
    temperature,
  };
}
