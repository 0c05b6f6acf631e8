/**
 * Both confidence signals of one answer side by side (`--confidence both`): the token confidence,
 * exp(mean logprob) of the answer as the X-ray reads it, and the sampling agreement, each with its
 * gate's verdict, in one line. Both measure the model's confidence, not truth.
 */
import type { Analysis } from '../analysis/Analysis.js';
import { type GateVerdict, gate } from '../gating/gate.js';
import { formatProbability } from '../render/formatProbability.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';
import { gateConsistency } from './gateConsistency.js';

export interface SignalComparison {
  /** exp(mean token logprob) of the answer; null without tokens. */
  tokenConfidence: number | null;
  tokenVerdict: GateVerdict;
  /** The answer's sampling agreement. */
  agreement: number;
  /** Samples drawn (the answer generated with logprobs, when compared with them, not counted). */
  samples: number;
  consistencyVerdict: GateVerdict;
  /** Whether both gates give the same verdict. */
  verdictsAgree: boolean;
  /** One line for people. */
  line: string;
}

export function compareSignals(analysis: Analysis, consistency: ConsistencyAnalysis): SignalComparison {
  const tokens = analysis.summary.tokens;
  const tokenConfidence = tokens > 0 ? Math.exp(analysis.summary.meanLogprob) : null;
  const tokenVerdict = gate(analysis).verdict;
  const consistencyVerdict = gateConsistency(consistency).verdict;
  // With a reference (the answer generated with logprobs first), the rest are the samples.
  const samples = consistency.samples.length - (consistency.reference === true ? 1 : 0);
  const verdictsAgree = tokenVerdict === consistencyVerdict;
  const line =
    `Comparison: token confidence exp(mean logprob) ${formatProbability(tokenConfidence, 'n/a (no tokens)')} (gate: ${tokenVerdict})` +
    ` · sampling agreement ${formatProbability(consistency.agreement)} over ${samples} samples${consistency.reference === true ? ' and this answer' : ''} (gate: ${consistencyVerdict})` +
    (verdictsAgree ? ': the two signals agree' : ': the two signals disagree, look closer');
  return {
    tokenConfidence,
    tokenVerdict,
    agreement: consistency.agreement,
    samples,
    consistencyVerdict,
    verdictsAgree,
    line,
  };
}
