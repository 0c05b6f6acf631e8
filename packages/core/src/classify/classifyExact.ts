import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { logsumexp } from '../math/logsumexp.js';
import { type Classification, DEFAULT_MIN_MARGIN } from './Classification.js';
import { checkLabels } from './checkLabels.js';
import { decide } from './decide.js';

/** A label's exact score: log P(label continuation | prompt), summed over all its tokens. */
export interface LabelScore {
  sumLogprob: number;
  tokenCount: number;
  /** The label's first tokens merged with the end of the prompt (see `ContinuationBoundary`). */
  merged?: boolean;
}

/** Options of the classifiers. */
export interface ClassifyOptions {
  /** Abstain when the top two labels' probabilities differ by less (0..1). Default 0.2. */
  minMargin?: number;
}

export function checkMinMargin(minMargin: number): number {
  if (!(minMargin >= 0 && minMargin <= 1)) {
    throw new InvalidOptionError('min margin', `expected a probability in 0..1, got ${minMargin}`);
  }
  return minMargin;
}

/**
 * Classifies from exact label scores (local models): `rawProbability = exp(sumLogprob)`, the
 * distribution is the softmax of the label scores (computed in log space, so tiny probabilities do
 * not underflow to 0/0), `labelMass` is the raw sum.
 */
export function classifyExact(
  labels: readonly string[],
  scores: readonly LabelScore[],
  options: ClassifyOptions = {},
): Classification {
  const names = checkLabels(labels);
  if (scores.length !== names.length) {
    throw new InvalidOptionError(
      'scores',
      `expected one score per label (${names.length}), got ${scores.length}`,
    );
  }
  const minMargin = checkMinMargin(options.minMargin ?? DEFAULT_MIN_MARGIN);
  const logs = scores.map((s) => s.sumLogprob);
  const total = logsumexp(logs);
  const result = names.map((label, i) => {
    const score = scores[i]!;
    const raw = Math.exp(score.sumLogprob);
    return {
      label,
      probability: Math.exp(score.sumLogprob - total),
      rawProbability: raw,
      logprob: score.sumLogprob,
      bounds: { lower: raw, upper: raw },
      status: 'exact' as const,
      tokenCount: score.tokenCount,
    };
  });
  const notes: string[] = [];
  const merged = names.filter((_, i) => scores[i]!.merged === true);
  if (merged.length > 0) {
    notes.push(
      `the tokens of ${merged.map((l) => `"${l}"`).join(', ')} merged with the end of the prompt: their value is log P(prompt + label) − log P(prompt); end the prompt before the space (see --no-space)`,
    );
  }
  return {
    method: 'exact',
    labels: result,
    ...decide(result, minMargin),
    labelMass: Math.exp(total),
    notes,
  };
}
