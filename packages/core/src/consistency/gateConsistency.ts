/**
 * The gate's verdict for an answer whose confidence comes from sampling agreement (a run made from
 * samples only: its tokens are empty, so core's `gate` has nothing to judge). A sentence (long
 * answers) or the whole answer (short answers, labels) is published when at least `publish` of the
 * samples carry it (default 0.8: 4 of 5), else reviewed; the answer needs review when any sentence
 * does, or when there is nothing to compare. Agreement measures stability, not truth: five samples
 * can repeat the same wrong fact.
 */
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { GateVerdict } from '../gating/gate.js';
import { formatProbability } from '../render/formatProbability.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';

/** Publish a sentence that at least this share of the samples carries. */
export const DEFAULT_CONSISTENCY_PUBLISH = 0.8;

export interface ConsistencyGateOptions {
  /** The least agreement (0..1) a sentence needs to be published (default 0.8). */
  publish?: number;
}

export interface ConsistencySentenceGate {
  index: number;
  text: string;
  charStart: number;
  charEnd: number;
  /** Samples carrying the sentence (the shown one included) and their share. */
  support: number;
  agreement: number;
  verdict: GateVerdict;
  /** Why, in one line: the comparison made. */
  reason: string;
}

export interface ConsistencyGateResult {
  /** `review` when any sentence does, or when the answer has no sentence. */
  verdict: GateVerdict;
  /** Why the answer got its verdict, in one line. */
  reason: string;
  publish: number;
  samples: number;
  sentences: ConsistencySentenceGate[];
  counts: Record<GateVerdict, number>;
}

export function gateConsistency(
  analysis: ConsistencyAnalysis,
  options: ConsistencyGateOptions = {},
): ConsistencyGateResult {
  const publish = options.publish ?? DEFAULT_CONSISTENCY_PUBLISH;
  if (!(typeof publish === 'number' && Number.isFinite(publish) && publish > 0 && publish <= 1)) {
    throw new InvalidOptionError(
      'publish threshold',
      `expected an agreement between 0 (excluded) and 1, e.g. 0.8 for 4 of 5 samples; got ${publish}`,
    );
  }
  const n = analysis.samples.length;
  const sentences = analysis.sentences.map((s, index): ConsistencySentenceGate => {
    const verdict: GateVerdict = s.agreement >= publish ? 'publish' : 'review';
    const share = `agreement ${formatProbability(s.agreement)} (${s.support}/${n} samples)`;
    return {
      index,
      text: s.text,
      charStart: s.charStart,
      charEnd: s.charEnd,
      support: s.support,
      agreement: s.agreement,
      verdict,
      reason: `${share} ${verdict === 'publish' ? '>=' : '<'} ${formatProbability(publish)}`,
    };
  });
  const counts = { publish: 0, review: 0 };
  for (const s of sentences) counts[s.verdict]++;
  const verdict: GateVerdict = sentences.length > 0 && counts.review === 0 ? 'publish' : 'review';
  let reason: string;
  if (sentences.length === 0) reason = `the answer is empty: no sentence to compare across ${n} samples`;
  else if (verdict === 'publish')
    reason = `every sentence is carried by at least ${formatProbability(publish)} of ${n} samples`;
  else {
    const weakest = sentences.reduce((a, b) => (b.agreement < a.agreement ? b : a));
    reason = `${counts.review} of ${sentences.length} sentence${sentences.length === 1 ? '' : 's'} below ${formatProbability(publish)} agreement; lowest ${formatProbability(weakest.agreement)} (${weakest.support}/${n} samples)`;
  }
  return { verdict, reason, publish, samples: n, sentences, counts };
}
