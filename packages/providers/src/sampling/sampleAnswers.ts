import {
  type ConsistencyCost,
  type ConsistencySample,
  InvalidOptionError,
  MAX_SAMPLES,
  MIN_SAMPLES,
} from '@tokenscope/core';
import type { EndpointOptions, LogprobRequest, ProviderAdapter, SampledAnswer } from '../Provider.js';
import { type TemperatureRefusal, temperatureRefusal } from '../refusals/temperatureRefusal.js';
import { consistencyTemperature } from './consistencyTemperature.js';

/** Requests in flight at once, unless asked otherwise. */
export const DEFAULT_SAMPLE_CONCURRENCY = 2;

export interface SampleAnswersOptions {
  /** How many answers to ask for (2-50). */
  samples: number;
  signal?: AbortSignal;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
}

export interface SampledAnswers {
  /** The answers, in request order. */
  samples: ConsistencySample[];
  /** Every request sent (refused ones included), the usage the API reported, the wall-clock time. */
  cost: ConsistencyCost;
  /**
   * The temperature the samples were drawn at: `consistencyTemperature(request.temperature)`, or,
   * where the endpoint refused the parameter, its default (the one its message named, else 1).
   */
  temperature: number;
  /** Set when the endpoint refused `temperature` and the samples were asked for again without it. */
  temperatureRefused?: TemperatureRefusal;
}

/**
 * Asks the endpoint the same request `samples` times WITHOUT logprobs, at a temperature of at least
 * 0.7 (`consistencyTemperature`), for sampling consistency. Requests run in parallel (`concurrency`,
 * default 2), each with the HTTP client's retries; `n` is not used, because several compatible
 * servers ignore it. A `seed` becomes seed, seed + 1, ... so that the samples are reproducible yet
 * differ. A 400 refusing `temperature` (OpenAI's reasoning models) is answered by asking again
 * without it, recorded in `temperatureRefused`. Any other error stops the other requests and is thrown.
 */
export async function sampleAnswers(
  adapter: ProviderAdapter,
  endpoint: EndpointOptions,
  request: LogprobRequest,
  options: SampleAnswersOptions,
): Promise<SampledAnswers> {
  const n = options.samples;
  if (!Number.isInteger(n) || n < MIN_SAMPLES || n > MAX_SAMPLES) {
    throw new InvalidOptionError(
      'samples',
      `expected an integer from ${MIN_SAMPLES} to ${MAX_SAMPLES} (answers to compare), got ${n}`,
    );
  }
  const concurrency = options.concurrency ?? DEFAULT_SAMPLE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidOptionError('concurrency', `expected an integer >= 1, got ${concurrency}`);
  }
  const temperature = consistencyTemperature(request.temperature);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const answers: SampledAnswer[] = new Array(n);
  let refused: TemperatureRefusal | undefined;
  let requests = 0;
  const started = Date.now();

  const ask = async (i: number): Promise<void> => {
    const base = { ...request, ...(request.seed !== undefined && { seed: request.seed + i }) };
    for (;;) {
      const withoutTemperature = refused !== undefined;
      const { temperature: _omitted, ...rest } = base;
      const sent = withoutTemperature ? rest : { ...base, temperature };
      requests++;
      try {
        answers[i] = await adapter.sample(endpoint, sent, { signal });
        return;
      } catch (error) {
        const refusal = withoutTemperature ? undefined : temperatureRefusal(error);
        if (refusal === undefined) throw error;
        refused ??= refusal;
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) await ask(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  } catch (error) {
    stop.abort();
    throw error;
  }
  const ms = Date.now() - started;
  const samples = answers.map((a) => ({
    text: a.text,
    ...(a.finishReason !== undefined && { finishReason: a.finishReason }),
  }));
  const prompt = answers.every((a) => a.promptTokens !== undefined)
    ? answers.reduce((sum, a) => sum + a.promptTokens!, 0)
    : undefined;
  const completion = answers.every((a) => a.completionTokens !== undefined)
    ? answers.reduce((sum, a) => sum + a.completionTokens!, 0)
    : undefined;
  return {
    samples,
    cost: {
      requests,
      ...(prompt !== undefined && { promptTokens: prompt }),
      ...(completion !== undefined && { completionTokens: completion }),
      ms,
    },
    temperature: refused === undefined ? temperature : (refused.default ?? 1),
    ...(refused !== undefined && { temperatureRefused: refused }),
  };
}
