import type { ConstraintAnalysis } from '../constraint/ConstraintAnalysis.js';
import type { ConstraintKind } from '../model/Completion.js';

/** A finite number, or null (JSON has no NaN or Infinity). */
function num(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** One alternative of a constrained position. Documented in docs/json-format.md. */
export interface JsonConstrainedAlternative {
  text: string;
  logprob: number | null;
  prob: number | null;
  bytes: number[] | null;
  id: number | null;
  /** Raw alternatives only: whether the constraint allowed the token (constrained ones always are). */
  allowed: boolean;
}

/** One constrained position. Documented in docs/json-format.md. */
export interface JsonConstrainedToken {
  index: number;
  text: string;
  id: number | null;
  logprob: number | null;
  prob: number | null;
  rawLogprob: number | null;
  rawProb: number | null;
  allowedMass: number;
  removedMass: number;
  topForbidden: boolean | null;
  rawTop: JsonConstrainedAlternative[];
  top: JsonConstrainedAlternative[];
}

/** The report's `constraint` object (null in reports of unconstrained answers). */
export interface JsonConstraint {
  kind: ConstraintKind | null;
  description: string | null;
  summary: {
    tokens: number;
    sumLogprob: number | null;
    sumRawLogprob: number | null;
    meanRemovedMass: number | null;
    maxRemovedMass: number | null;
    maxRemovedIndex: number | null;
    topForbiddenTokens: number;
  };
  tokens: JsonConstrainedToken[];
}

function alternative(
  a: { text: string; logprob: number | null; bytes: number[] | null; id?: number },
  allowed: boolean,
): JsonConstrainedAlternative {
  const logprob = num(a.logprob);
  return {
    text: a.text,
    logprob,
    prob: logprob === null ? null : Math.exp(logprob),
    bytes: a.bytes,
    id: a.id ?? null,
    allowed,
  };
}

/** The constraint analysis as the JSON report's `constraint` object. */
export function toJsonConstraint(c: ConstraintAnalysis): JsonConstraint {
  const s = c.summary;
  return {
    kind: c.constraint?.kind ?? null,
    description: c.constraint?.description ?? null,
    summary: {
      tokens: s.tokens,
      sumLogprob: num(s.sumLogprob),
      sumRawLogprob: num(s.sumRawLogprob),
      meanRemovedMass: num(s.meanRemovedMass),
      maxRemovedMass: num(s.maxRemovedMass),
      maxRemovedIndex: s.maxRemovedIndex,
      topForbiddenTokens: s.topForbiddenTokens,
    },
    tokens: c.tokens.map((t) => ({
      index: t.index,
      text: t.text,
      id: t.id ?? null,
      logprob: num(t.logprob),
      prob: num(t.prob),
      rawLogprob: num(t.rawLogprob),
      rawProb: num(t.rawProb),
      allowedMass: num(t.allowedMass) ?? 0,
      removedMass: num(t.removedMass) ?? 0,
      topForbidden: t.topForbidden,
      rawTop: t.rawTop.map((a) => alternative(a, a.allowed)),
      top: t.constrainedTop.map((a) => alternative(a, true)),
    })),
  };
}
