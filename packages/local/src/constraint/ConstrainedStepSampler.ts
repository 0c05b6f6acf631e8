import { InvalidOptionError } from '@tokenscope/core';
import type { LlamaGrammarEvaluationState } from 'node-llama-cpp';
import {
  type FlatPairs,
  type LlamaInternals,
  type NativeSampler,
  nativeGrammarState,
  type SamplerConfig,
} from '../engine/LlamaInternals.js';
import type { StepSettings } from '../engine/StepSampler.js';
import { type ConstrainedStep, readConstrainedStep, readRawStep } from './readConstrainedStep.js';

/** An empty `logits` filter: asks for nothing back, but makes the addon apply the grammar first. */
const NOTHING: [number[], boolean, boolean, boolean, number] = [[], false, false, false, 0];

/**
 * Samples under a grammar and reads, at every position, the raw distribution (what the model
 * wanted) and the constrained one (what the grammar allowed), both from the same logits.
 *
 * Samplers (one set per request):
 * - `pick`: the request's chain with the grammar state: llama.cpp masks the forbidden tokens
 *   (logit -inf), then applies top-k/top-p/min-p/temperature and draws; it accepts the drawn token
 *   into the grammar state itself. The `logits` argument is always given, so the addon applies the
 *   grammar before the chain (without it, it draws first and re-draws on a forbidden token).
 * - `rawView`: greedy, no grammar: every raw logit, sorted.
 * - `maskView` (only when the chain truncates): greedy with a clone of the grammar state, taken
 *   before the pick accepts its token, to learn which tokens were allowed; otherwise the pick's own
 *   candidates tell (a forbidden token's logit is -inf, temperature keeps it so).
 * The constrained distribution is the raw one renormalised over the allowed tokens (temperature 1,
 * no truncation), whatever the sampling settings.
 */
export class ConstrainedStepSampler {
  private readonly internals: LlamaInternals;
  private readonly settings: StepSettings;
  private readonly grammar: LlamaGrammarEvaluationState;
  private readonly pick: NativeSampler;
  private readonly truncates: boolean;
  private readonly k: number;
  private readonly all: boolean;
  private rawViewSampler: NativeSampler | undefined;
  private maskViewSampler: NativeSampler | undefined;

  constructor(
    internals: LlamaInternals,
    settings: StepSettings,
    vocabSize: number,
    grammar: LlamaGrammarEvaluationState,
  ) {
    this.internals = internals;
    this.settings = settings;
    this.grammar = grammar;
    const { temperature, topK, topP, minP, seed } = settings;
    this.truncates = (topK > 0 && topK < vocabSize) || topP < 1 || minP > 0;
    this.all = settings.topLogprobs === 'all';
    this.k = settings.topLogprobs === 'all' ? vocabSize : Math.min(settings.topLogprobs, vocabSize);
    const config: SamplerConfig = { temperature, seed };
    if (topK > 0 && topK < vocabSize) config.topK = topK;
    if (topP < 1) config.topP = topP;
    if (minP > 0) config.minP = minP;
    this.pick = this.newSampler(config, nativeGrammarState(grammar));
  }

  /**
   * Samples the next token under the grammar; reads the raw and the constrained distribution. When the
   * grammar allows no token of the vocabulary (llama.cpp: "empty grammar stack"), throws
   * `InvalidOptionError` (`constraint`): the constraint needs text the model cannot write.
   */
  async sample(index: number): Promise<ConstrainedStep> {
    try {
      return await this.sampleStep(index);
    } catch (error) {
      if (error instanceof Error && /empty grammar stack/i.test(error.message)) {
        throw new InvalidOptionError(
          'constraint',
          `no token of the model's vocabulary can continue the constrained answer here: the constraint needs text the model cannot write; change the constraint or use another model`,
        );
      }
      throw error;
    }
  }

  private async sampleStep(index: number): Promise<ConstrainedStep> {
    const { sampleToken } = this.internals;
    if (!this.settings.logprobs) {
      const [token] = await sampleToken(index, this.pick, false, false, NOTHING, false);
      return { token, logprob: null, topIds: [], topLogprobs: [] };
    }
    const raw = sampleToken(index, this.rawView(), false, false, true, false);
    let token: number;
    let allowed: Set<number>;
    if (this.truncates) {
      const mask = sampleToken(index, this.maskView(), false, false, true, false);
      const picked = sampleToken(index, this.pick, false, false, NOTHING, false);
      const [maskResult, pickResult] = await Promise.all([mask, picked]);
      token = pickResult[0];
      allowed = finiteIds(maskResult[3] ?? []);
    } else {
      const pickResult = await sampleToken(index, this.pick, false, false, true, false);
      token = pickResult[0];
      allowed = finiteIds(pickResult[3] ?? []);
    }
    const rawPairs = (await raw)[3] ?? [];
    return readConstrainedStep(token, rawPairs, allowed, this.k, this.all);
  }

  /** The raw values of a given token (prompt logprobs); the prompt is not constrained. */
  async measure(index: number, token: number): Promise<ConstrainedStep> {
    const result = await this.internals.sampleToken(index, this.rawView(), false, false, true, false);
    return readRawStep(token, result[3] ?? [], this.k, this.all);
  }

  dispose(): void {
    this.pick.dispose();
    this.rawViewSampler?.dispose();
    this.maskViewSampler?.dispose();
  }

  private rawView(): NativeSampler {
    this.rawViewSampler ??= this.newSampler({ temperature: 0, seed: 0 });
    return this.rawViewSampler;
  }

  /** A greedy sampler holding a fresh clone of the grammar state (what the pick has accepted so far). */
  private maskView(): NativeSampler {
    this.maskViewSampler ??= this.internals.createSampler();
    this.maskViewSampler.applyConfig({
      temperature: 0,
      seed: 0,
      grammarEvaluationState: nativeGrammarState(this.grammar.clone()),
    } as SamplerConfig);
    return this.maskViewSampler;
  }

  private newSampler(config: SamplerConfig, grammarState?: unknown): NativeSampler {
    const sampler = this.internals.createSampler();
    sampler.applyConfig(
      grammarState === undefined
        ? config
        : ({ ...config, grammarEvaluationState: grammarState } as SamplerConfig),
    );
    return sampler;
  }
}

/** The ids whose value is finite: the tokens the grammar allowed. */
function finiteIds(pairs: FlatPairs): Set<number> {
  const ids = new Set<number>();
  for (let i = 0; i < pairs.length; i += 2) if (Number.isFinite(pairs[i + 1]!)) ids.add(pairs[i]!);
  return ids;
}
