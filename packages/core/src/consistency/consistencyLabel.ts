import type { AgreementUnit, ConsistencyAnalysis, ConsistencyCost } from './ConsistencyAnalysis.js';

/** Said once in every consistency view, where the agreement is read. */
export const CONSISTENCY_DISCLAIMER =
  'Agreement measures how stable the answer is across samples, not whether it is true: a model can repeat the same wrong fact every time.';

/** A temperature as written in labels: at most two decimals (`0.7`, `1`). */
export function formatTemperature(t: number): string {
  return String(Number(t.toFixed(2)));
}

/** What the samples cost, e.g. `5 requests, 312 tokens, 4.2 s` (`tokens not reported` without usage). */
export function formatCost(cost: ConsistencyCost): string {
  const known = [cost.promptTokens, cost.completionTokens].filter((x): x is number => x !== undefined);
  const tokens = known.length ? `${known.reduce((a, b) => a + b, 0)} tokens` : 'tokens not reported';
  const time = cost.ms === undefined ? 'time not measured' : `${(cost.ms / 1000).toFixed(1)} s`;
  return `${cost.requests} request${cost.requests === 1 ? '' : 's'}, ${tokens}, ${time}`;
}

/**
 * The label every view puts on a consistency result: `sampling-based confidence: 5 samples at
 * temperature 0.7, agreement of the answers; 5 requests, 312 tokens, 4.2 s`.
 */
export function consistencyLabel(
  analysis: Pick<ConsistencyAnalysis, 'samples' | 'temperature' | 'cost' | 'reference'>,
): string {
  const t = formatTemperature(analysis.temperature);
  const samples =
    analysis.reference === true
      ? `${analysis.samples.length - 1} samples at temperature ${t} and the answer generated with logprobs`
      : `${analysis.samples.length} samples at temperature ${t}`;
  return `sampling-based confidence: ${samples}, agreement of the answers; ${formatCost(analysis.cost)}`;
}

/** A unit's support as a fraction of the samples: `3/5`. */
export function supportFraction(
  unit: Pick<AgreementUnit, 'support'>,
  analysis: Pick<ConsistencyAnalysis, 'samples'>,
): string {
  return `${unit.support}/${analysis.samples.length}`;
}

/** A unit's support in words: `carried by 3 of 5 samples` (`given by` for a whole short answer). */
export function supportSentence(
  unit: Pick<AgreementUnit, 'support'>,
  analysis: Pick<ConsistencyAnalysis, 'samples' | 'mode'>,
  what: 'sentence' | 'fact' = 'sentence',
): string {
  const verb = analysis.mode === 'short' && what === 'sentence' ? 'given' : 'carried';
  return `${verb} by ${unit.support} of ${analysis.samples.length} samples`;
}
