import { InvalidOptionError } from '@tokenscope/core';
import { LlamaGrammarEvaluationState, type LlamaModel } from 'node-llama-cpp';
import type { LlamaInternals } from '../engine/LlamaInternals.js';
import { StepSampler, type StepSettings } from '../engine/StepSampler.js';
import { ConstrainedStepSampler } from './ConstrainedStepSampler.js';
import type { PreparedConstraint } from './prepareConstraint.js';

/** A constrained generation: its grammar, and the answer so far that the grammar accepts first. */
export interface SamplerConstraint {
  prepared: PreparedConstraint;
  /** `GenerateRequest.constraintPrefix` (checked ids). */
  prefix: readonly number[];
  /** A token as people read it, for errors (`"sad"`). */
  describe(id: number): string;
}

/**
 * The sampler of one generation: the fast `StepSampler`, or a `ConstrainedStepSampler` with a fresh
 * grammar state that has accepted the constraint's prefix (`InvalidOptionError` on `constraintPrefix`
 * naming the first token the constraint does not allow).
 */
export function createStepSampler(
  internals: LlamaInternals,
  settings: StepSettings,
  vocabSize: number,
  model: LlamaModel,
  constraint: SamplerConstraint | undefined,
): StepSampler | ConstrainedStepSampler {
  if (constraint === undefined) return new StepSampler(internals, settings, vocabSize);
  const { prepared, prefix } = constraint;
  const state = new LlamaGrammarEvaluationState({ model, grammar: prepared.grammar });
  const refused = internals.acceptGrammarTokens(state, prefix);
  if (refused >= 0) {
    const id = prefix[refused]!;
    throw new InvalidOptionError(
      `constraintPrefix[${refused}]`,
      `token ${id} (${constraint.describe(id)}) is not allowed by the constraint (${prepared.info.kind}: ${prepared.info.description}) after the ${refused} token(s) before it; pick a token the constraint allows there`,
    );
  }
  return new ConstrainedStepSampler(internals, settings, vocabSize, state);
}
