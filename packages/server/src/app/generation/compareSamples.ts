import {
  analyzeConsistency,
  type Completion,
  type ConsistencyAnalysis,
  type ConsistencySample,
} from '@tokenscope/core';
import type { SampledAnswers } from '@tokenscope/providers';

/**
 * Compares the sampled answers. With `reference` (confidence `both`: the answer generated with
 * logprobs), that answer comes first, so the consistency view judges the same answer as the token
 * X-ray and the samples are the comparison (as SelfCheckGPT checks a response against samples);
 * the recorded temperature and cost stay the samples'.
 */
export function compareSamples(sampled: SampledAnswers, reference?: Completion): ConsistencyAnalysis {
  const samples: ConsistencySample[] =
    reference === undefined
      ? sampled.samples
      : [
          {
            text: reference.text,
            ...(reference.finishReason === undefined ? {} : { finishReason: reference.finishReason }),
          },
          ...sampled.samples,
        ];
  return analyzeConsistency(samples, {
    temperature: sampled.temperature,
    cost: sampled.cost,
    reference: reference !== undefined,
  });
}
