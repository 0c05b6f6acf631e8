/**
 * The response of a run made from samples only (no logprobs): one completion per sample, each with
 * `tokens: []`, `topK: 0` and `distribution: 'unknown'`, so the run store keeps every sampled answer
 * in the same data model; `isSamplingOnly` tells such a run from one with tokens.
 */
import type { FormatId, LogprobResponse } from '../model/Completion.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';

export function samplesResponse(
  analysis: Pick<ConsistencyAnalysis, 'samples' | 'chosen'>,
  meta: { format: FormatId; model?: string },
): LogprobResponse {
  // The shown answer first: lists, previews and search read completion 0.
  const order = [analysis.chosen, ...analysis.samples.keys()].filter(
    (i, at, all) => all.indexOf(i) === at && analysis.samples[i] !== undefined,
  );
  return {
    format: meta.format,
    ...(meta.model === undefined ? {} : { model: meta.model }),
    completions: order.map((i, index) => {
      const sample = analysis.samples[i]!;
      return {
        index,
        text: sample.text,
        tokens: [],
        ...(sample.finishReason === undefined ? {} : { finishReason: sample.finishReason }),
        distribution: 'unknown' as const,
        topK: 0,
      };
    }),
  };
}

/** A run whose confidence comes only from sampling: a consistency result, and no completion has tokens. */
export function isSamplingOnly(run: {
  response: LogprobResponse;
  consistency?: ConsistencyAnalysis | undefined;
}): boolean {
  return run.consistency !== undefined && run.response.completions.every((c) => c.tokens.length === 0);
}
