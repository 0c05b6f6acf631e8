import type { Completion, ConsistencyAnalysis } from '@tokenscope/core';
import type { SampledAnswers } from '@tokenscope/providers';
import { compareSamples } from '@tokenscope/server';
import type { CliIo } from '../io/CliIo.js';

/**
 * Compares the sampled answers as the app does (the server's `compareSamples`): with `reference`
 * (`--confidence both`: the answer generated with logprobs) that answer comes first, so the
 * consistency view judges the same answer as the token X-ray. When the endpoint refused the
 * temperature (OpenAI's reasoning models), says on stderr that the samples were drawn at its default.
 */
export function consistencyOf(
  sampled: SampledAnswers,
  io: CliIo | undefined,
  reference?: Completion,
): ConsistencyAnalysis {
  const refused = sampled.temperatureRefused;
  if (refused !== undefined && io !== undefined) {
    io.stderr.write(
      `tokenscope: the endpoint refused the sampling temperature (${refused.message}); the samples were drawn at its default, ${sampled.temperature}\n`,
    );
  }
  return compareSamples(sampled, reference);
}
