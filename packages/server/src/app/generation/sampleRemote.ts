import {
  consistencyTemperature,
  type EndpointOptions,
  type LogprobRequest,
  type ProviderAdapter,
  type SampledAnswers,
  sampleAnswers,
} from '@tokenscope/providers';
import type { SendRunEvent } from './eventStream.js';

/**
 * Sampling consistency on a remote endpoint: `sampling` (with the refusal as `fallback` when it
 * replaces logprobs) and a `sample` event as each answer comes in. The samples are asked without
 * logprobs by the providers' `sampleAnswers` (temperature at least 0.7); `compareSamples` compares them.
 */
export async function sampleRemote(
  job: {
    adapter: ProviderAdapter;
    endpoint: EndpointOptions;
    request: LogprobRequest;
    samples: number;
    fallback?: string;
  },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<SampledAnswers> {
  const { adapter, samples } = job;
  send({
    type: 'sampling',
    samples,
    temperature: consistencyTemperature(job.request.temperature),
    ...(job.fallback === undefined ? {} : { fallback: job.fallback }),
  });
  let done = 0;
  // The same adapter, counting the answers as they come in (its other methods are inherited).
  const counting: ProviderAdapter = Object.assign(Object.create(adapter) as ProviderAdapter, {
    sample: async (...args: Parameters<ProviderAdapter['sample']>) => {
      const answer = await adapter.sample(...args);
      send({ type: 'sample', done: ++done, of: samples });
      return answer;
    },
  });
  const result = await sampleAnswers(counting, job.endpoint, job.request, { samples, signal });
  signal.throwIfAborted();
  return result;
}
