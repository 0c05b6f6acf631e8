import { analyzeConsistency, type ConsistencyAnalysis, type ConsistencyMode } from '@tokenscope/core';
import type { SampledAnswers } from '@tokenscope/providers';
import type { CliIo } from '../io/CliIo.js';

/**
 * Compares the sampled answers (core's `analyzeConsistency`); when the endpoint refused the
 * temperature (OpenAI's reasoning models), says on stderr that the samples were drawn at its default.
 */
export function consistencyOf(
  sampled: SampledAnswers,
  io: CliIo,
  mode: ConsistencyMode | 'auto' = 'auto',
): ConsistencyAnalysis {
  const refused = sampled.temperatureRefused;
  if (refused !== undefined) {
    io.stderr.write(
      `tokenscope: the endpoint refused the sampling temperature (${refused.message}); the samples were drawn at its default, ${sampled.temperature}\n`,
    );
  }
  return analyzeConsistency(sampled.samples, {
    mode,
    temperature: sampled.temperature,
    cost: sampled.cost,
  });
}
