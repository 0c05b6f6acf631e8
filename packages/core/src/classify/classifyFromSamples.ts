import type { ConsistencyCost, ConsistencySample } from '../consistency/ConsistencyAnalysis.js';
import { countAnswers } from '../consistency/countAnswers.js';
import { normalizeAnswer } from '../consistency/normalizeAnswer.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { type Classification, DEFAULT_MIN_MARGIN, type LabelProbability } from './Classification.js';
import { checkLabels } from './checkLabels.js';
import { type ClassifyOptions, checkMinMargin } from './classifyExact.js';
import { decide } from './decide.js';

/** Options of the sampling classification. */
export interface SampleClassifyOptions extends ClassifyOptions {
  /** The temperature the samples were drawn at, and what they cost (recorded with the result). */
  temperature: number;
  cost: ConsistencyCost;
}

/**
 * Classifies from N sampled answers (sampling consistency, where an endpoint refuses or ignores
 * logprobs): an answer is a label when its first line, up to the first sentence end, equals the
 * label after `normalizeAnswer` (case, quotes, trailing punctuation and spacing ignored: "Billing."
 * and "billing. The customer..." are `billing`). A label's agreement, the share of all samples that are it, is its confidence: its
 * `probability`. The margin and the abstain decision are those of the other methods, on agreements:
 * abstain when the top two labels' agreements differ by less than `minMargin`, and when no sample
 * is a label. Agreement measures how stable the answer is, not whether it is right.
 */
export function classifyFromSamples(
  labels: readonly string[],
  samples: readonly ConsistencySample[],
  options: SampleClassifyOptions,
): Classification {
  const names = checkLabels(labels);
  const minMargin = checkMinMargin(options.minMargin ?? DEFAULT_MIN_MARGIN);
  if (samples.length < 2) {
    throw new InvalidOptionError(
      'samples',
      `a sampling classification needs at least 2 samples to compare; got ${samples.length}`,
    );
  }
  const n = samples.length;
  const answers = countAnswers(samples.map((s) => ({ text: labelPart(s.text) })));
  const countOf = new Map(answers.map((a) => [a.answer, a.count]));
  const result: LabelProbability[] = names.map((label) => {
    const count = countOf.get(normalizeAnswer(label)) ?? 0;
    const share = count / n;
    return {
      label,
      probability: share,
      rawProbability: share,
      logprob: count > 0 ? Math.log(share) : null,
      bounds: { lower: share, upper: share },
      status: 'sampled',
      samples: count,
    };
  });
  const labelMass = result.reduce((s, l) => s + l.rawProbability, 0);
  const off = n - result.reduce((s, l) => s + (l.samples ?? 0), 0);
  const notes = [`sampling-based: the share of ${n} sampled answers that are each label`];
  if (off > 0) {
    const shown = answers
      .filter((a) => !names.some((l) => normalizeAnswer(l) === a.answer))
      .slice(0, 3)
      .map((a) => JSON.stringify(a.text.length > 40 ? `${a.text.slice(0, 40)}…` : a.text));
    notes.push(`${off} of ${n} answers are no label (e.g. ${shown.join(', ')})`);
  }
  const decision = decide(result, minMargin);
  if (labelMass === 0) {
    notes.push('no sampled answer is a label: the classifier abstains');
    Object.assign(decision, { abstain: true, label: null });
  }
  return {
    method: 'sampling',
    labels: result,
    ...decision,
    labelMass,
    offLabelMass: off / n,
    notes,
    sampling: {
      samples: samples.map((x) => ({ ...x })),
      temperature: options.temperature,
      cost: { ...options.cost },
      answers,
    },
  };
}

/**
 * What of an answer is compared with the labels: its first non-empty line, up to the first sentence
 * end (a `.`, `!` or `?` before a space), trimmed: models often go on after the label
 * ("Billing. The customer was charged twice" is `billing`).
 */
function labelPart(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.split(/(?<=[.!?])\s/)[0]!.trim();
}
