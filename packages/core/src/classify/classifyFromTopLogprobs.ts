import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { Token, TopAlternative } from '../model/Token.js';
import { type Classification, DEFAULT_MIN_MARGIN, type LabelProbability } from './Classification.js';
import { checkLabels } from './checkLabels.js';
import { type ClassifyOptions, checkMinMargin } from './classifyExact.js';
import { decide } from './decide.js';

/** Options of the first-token estimate. */
export interface FirstTokenOptions extends ClassifyOptions {
  /** Match first tokens to labels without regard to case (`Billing` counts for `billing`). Default false. */
  ignoreCase?: boolean;
}

/**
 * Estimates the label distribution from the first generated token's top-k alternatives (remote
 * APIs, which report no probability for text the model did not write).
 *
 * A first token counts for a label when, leading whitespace removed, it is a non-empty prefix of the
 * label (`" bill"` and `"billing"` both count for `billing`). A label's estimate is the sum of its
 * tokens' probabilities: the probability that the answer *starts* like the label, an upper bound
 * of the label's own probability as far as the top-k goes. A token that starts several labels
 * (`" account"` for `account access` and `account deletion`) is ambiguous: its mass is split evenly
 * between them and each is marked `ambiguous`. Labels with no token in the top-k are `below-top-k`:
 * 0, at most the unaccounted mass (`1 − Σ top-k`). Whitespace-only tokens and tokens that start no
 * label are `offLabelMass`.
 */
export function classifyFromTopLogprobs(
  labels: readonly string[],
  firstToken: Token,
  options: FirstTokenOptions = {},
): Classification {
  const names = checkLabels(labels);
  const minMargin = checkMinMargin(options.minMargin ?? DEFAULT_MIN_MARGIN);
  const fold = (s: string) => (options.ignoreCase === true ? s.toLowerCase() : s);
  const alternatives = withChosen(firstToken);
  if (alternatives.length === 0) {
    throw new InvalidOptionError(
      'top logprobs',
      'expected the first token with its top-k alternatives, got none',
    );
  }
  const unique = new Array<number>(names.length).fill(0);
  const shared = new Array<number>(names.length).fill(0);
  const sharedWhole = new Array<number>(names.length).fill(0);
  const sharers = names.map(() => new Set<string>());
  let topMass = 0;
  let offLabelMass = 0;
  for (const alt of alternatives) {
    const p = Math.exp(alt.logprob);
    topMass += p;
    const start = fold(alt.text.trimStart());
    const matches = start.length === 0 ? [] : names.flatMap((l, i) => (fold(l).startsWith(start) ? [i] : []));
    if (matches.length === 0) offLabelMass += p;
    else if (matches.length === 1) unique[matches[0]!]! += p;
    else {
      for (const i of matches) {
        shared[i]! += p / matches.length;
        sharedWhole[i]! += p;
        for (const j of matches) if (j !== i) sharers[i]!.add(names[j]!);
      }
    }
  }
  const unaccountedMass = Math.max(0, 1 - topMass);
  const raws = names.map((_, i) => unique[i]! + shared[i]!);
  const labelMass = raws.reduce((s, p) => s + p, 0);
  const result: LabelProbability[] = names.map((label, i) => {
    const raw = raws[i]!;
    const status = sharers[i]!.size > 0 ? 'ambiguous' : raw > 0 ? 'in-top-k' : 'below-top-k';
    const entry: LabelProbability = {
      label,
      probability: labelMass > 0 ? raw / labelMass : 1 / names.length,
      rawProbability: raw,
      logprob: raw > 0 ? Math.log(raw) : null,
      bounds: { lower: unique[i]!, upper: Math.min(1, unique[i]! + sharedWhole[i]! + unaccountedMass) },
      status,
    };
    if (sharers[i]!.size > 0) entry.sharesFirstTokenWith = [...sharers[i]!];
    return entry;
  });
  const notes: string[] = [
    'estimated from the first token only: a label counts every first token that starts it, so the values are upper bounds as far as the top-k goes',
  ];
  const below = result.filter((l) => l.status === 'below-top-k').map((l) => `"${l.label}"`);
  if (below.length > 0) {
    notes.push(
      `${below.join(', ')}: no first token in the top-${alternatives.length}; each is at most the unaccounted mass`,
    );
  }
  const ambiguous = result.filter((l) => l.status === 'ambiguous').map((l) => `"${l.label}"`);
  if (ambiguous.length > 0) {
    notes.push(
      `${ambiguous.join(', ')} share a first token: its mass is split evenly, which the first token cannot confirm`,
    );
  }
  if (labelMass === 0)
    notes.push(
      'no label starts with any top-k token: the distribution is uniform and the classifier abstains',
    );
  const decision = decide(result, minMargin);
  if (labelMass === 0) Object.assign(decision, { abstain: true, label: null });
  return {
    method: 'first-token',
    labels: result,
    ...decision,
    labelMass,
    unaccountedMass,
    offLabelMass,
    notes,
  };
}

/** The top-k with the chosen token added when the provider left it out; only known logprobs. */
function withChosen(token: Token): Array<TopAlternative & { logprob: number }> {
  const list = token.top.filter((a): a is TopAlternative & { logprob: number } => a.logprob !== null);
  const has = list.some((a) => (a.id !== undefined && a.id === token.id) || a.text === token.text);
  if (!has && token.logprob !== null)
    list.push({ text: token.text, logprob: token.logprob, bytes: token.bytes });
  return list;
}
