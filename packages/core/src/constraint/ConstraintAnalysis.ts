import type { ConstraintInfo } from '../model/Completion.js';
import type { TopAlternative } from '../model/Token.js';

/** A raw alternative (what the model wanted), with whether the constraint allowed it. */
export interface WantedAlternative extends TopAlternative {
  prob: number | null;
  /** False when the constraint forbade this token at this position. */
  allowed: boolean;
}

/** One constrained position: the raw distribution beside the constrained one. */
export interface ConstrainedTokenAnalysis {
  /** Position in the completion's tokens. */
  index: number;
  text: string;
  id?: number;
  /** Log-probability of the chosen token among the allowed tokens (renormalised); null when unknown. */
  logprob: number | null;
  prob: number | null;
  /** Log-probability the model gave the chosen token before the constraint; null when unknown. */
  rawLogprob: number | null;
  rawProb: number | null;
  /** Raw probability mass of the allowed tokens (0..1). */
  allowedMass: number;
  /** `1 - allowedMass`: what the constraint took away. */
  removedMass: number;
  /** True when the model's most likely token was forbidden; null when no alternatives were reported. */
  topForbidden: boolean | null;
  /** The raw alternatives (highest first), each marked allowed or not. */
  rawTop: WantedAlternative[];
  /** The allowed alternatives, renormalised, highest first. */
  constrainedTop: Array<TopAlternative & { prob: number | null }>;
}

/** Sequence-level view of what a constraint changed. */
export interface ConstraintSummary {
  /** Tokens with constrained values. */
  tokens: number;
  /** Sum of the constrained log-probabilities (the answer's log-probability under the constraint). */
  sumLogprob: number;
  /** Sum of the raw log-probabilities (the answer's log-probability under the unconstrained model). */
  sumRawLogprob: number;
  /** Mean of `removedMass` over the tokens (0 when none). */
  meanRemovedMass: number;
  /** Largest `removedMass`, and where; null when there are no tokens. */
  maxRemovedMass: number | null;
  maxRemovedIndex: number | null;
  /** Tokens where the model's most likely token was forbidden. */
  topForbiddenTokens: number;
}

/** What a constraint did to a completion, token by token. */
export interface ConstraintAnalysis {
  /** The constraint, when the completion says which (`Completion.constraint`). */
  constraint: ConstraintInfo | null;
  tokens: ConstrainedTokenAnalysis[];
  summary: ConstraintSummary;
}
