import type { ConsistencyCost, ConsistencySample } from '@tokenscope/core';
import type { Engine, GenerateRequest } from './Engine.js';

export interface SampleEngineOptions {
  /** How many answers. */
  samples: number;
  /** The temperature every sample is drawn at (sampling consistency: the request's, at least 0.7). */
  temperature: number;
  signal?: AbortSignal;
  /** Called after each answer, with how many are done. */
  onSample?: (done: number) => void;
}

/**
 * Sampling consistency on a local model: `samples` generations of the same request without
 * logprobs, one after the other (one model), at `temperature`; a `seed` becomes seed, seed + 1, ...
 * so the samples are reproducible yet differ.
 */
export async function sampleEngine(
  engine: Engine,
  request: GenerateRequest,
  options: SampleEngineOptions,
): Promise<{ samples: ConsistencySample[]; cost: ConsistencyCost }> {
  const { samples, temperature, signal } = options;
  const started = Date.now();
  const answers: ConsistencySample[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  const { topLogprobs: _k, echo: _e, ...rest } = request;
  for (let i = 0; i < samples; i++) {
    const result = await engine.generate(
      {
        ...rest,
        logprobs: false,
        temperature,
        ...(request.seed === undefined ? {} : { seed: request.seed + i }),
      },
      signal ? { signal } : {},
    );
    signal?.throwIfAborted();
    answers.push({ text: result.text, finishReason: result.finishReason });
    promptTokens += result.usage.promptTokens;
    completionTokens += result.usage.completionTokens;
    options.onSample?.(i + 1);
  }
  return {
    samples: answers,
    cost: { requests: samples, promptTokens, completionTokens, ms: Date.now() - started },
  };
}
