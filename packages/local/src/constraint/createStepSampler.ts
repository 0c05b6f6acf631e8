import { LlamaGrammarEvaluationState, type LlamaModel } from 'node-llama-cpp';
import type { LlamaInternals } from '../engine/LlamaInternals.js';
import { StepSampler, type StepSettings } from '../engine/StepSampler.js';
import { ConstrainedStepSampler } from './ConstrainedStepSampler.js';
import type { PreparedConstraint } from './prepareConstraint.js';

/** The sampler of one generation: the fast `StepSampler`, or a `ConstrainedStepSampler` with a fresh grammar state. */
export function createStepSampler(
  internals: LlamaInternals,
  settings: StepSettings,
  vocabSize: number,
  model: LlamaModel,
  constraint: PreparedConstraint | undefined,
): StepSampler | ConstrainedStepSampler {
  if (constraint === undefined) return new StepSampler(internals, settings, vocabSize);
  const state = new LlamaGrammarEvaluationState({ model, grammar: constraint.grammar });
  return new ConstrainedStepSampler(internals, settings, vocabSize, state);
}
