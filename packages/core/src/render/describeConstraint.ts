import type {
  ConstrainedTokenAnalysis,
  ConstraintAnalysis,
  WantedAlternative,
} from '../constraint/ConstraintAnalysis.js';
import { formatLogprob, formatProbability } from './formatProbability.js';

/** Shared wording of the constraint sections (ANSI, Markdown, HTML). */
export const CONSTRAINT_TITLE = 'What the model wanted vs what it was allowed';

/** `choices: "yes" | "no"`, or `constrained` when the source did not say which constraint. */
export function constraintHeadline(c: ConstraintAnalysis): string {
  const info = c.constraint;
  return info === null ? 'constrained' : `${info.kind}: ${info.description}`;
}

/** Summary items: tokens, mass removed (mean, max), forbidden first choices, log p under each. */
export function constraintSummaryItems(c: ConstraintAnalysis, quote: (text: string) => string): string[] {
  const s = c.summary;
  const max = s.maxRemovedIndex === null ? undefined : c.tokens.find((t) => t.index === s.maxRemovedIndex);
  return [
    `${s.tokens} constrained token${s.tokens === 1 ? '' : 's'}`,
    `mass removed: mean ${formatProbability(s.meanRemovedMass)}${
      max ? `, max ${formatProbability(max.removedMass)} at ${quote(max.text)} (#${max.index})` : ''
    }`,
    `the model's first choice was forbidden at ${s.topForbiddenTokens} of ${s.tokens} tokens`,
    `log p of the answer: ${formatLogprob(s.sumLogprob)} allowed vs ${formatLogprob(s.sumRawLogprob)} free`,
  ];
}

/** The raw alternatives the constraint forbade, highest first, at most `max`. */
export function forbiddenAlternatives(t: ConstrainedTokenAnalysis, max: number): WantedAlternative[] {
  return t.rawTop.filter((a) => !a.allowed).slice(0, max);
}

/** Table header cells, in order. */
export const CONSTRAINT_COLUMNS = ['#', 'token', 'p allowed', 'p raw', 'removed', 'wanted but forbidden'];

/** The number cells of one row: p allowed, p raw, removed. */
export function constraintCells(t: ConstrainedTokenAnalysis): [string, string, string] {
  return [
    formatProbability(t.prob),
    formatProbability(t.rawProb, '< top-k'),
    formatProbability(t.removedMass),
  ];
}
