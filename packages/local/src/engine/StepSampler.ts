import type { LlamaInternals, NativeSampler, SampleResult, SamplerConfig } from './LlamaInternals.js';
import { NATIVE_TOP_K_MAX } from './NativeLogitsReader.js';
import { finish, firstIsMax, readAllPairs, selectedIsMax } from './readStep.js';

/** Sampling settings and what to report, already validated. */
export interface StepSettings {
  temperature: number;
  topP: number;
  topK: number;
  minP: number;
  seed: number;
  /** False: no logprobs at all ("off"). */
  logprobs: boolean;
  /** Alternatives per position, clamped to the vocabulary, or 'all'. */
  topLogprobs: number | 'all';
  distribution: 'raw' | 'processed';
}

/** What one position yields: the chosen (or given) token, its logprob and the alternatives. */
export interface Step {
  token: number;
  /** Natural-log probability; null when not computed ("off") or zero under a `processed` distribution. */
  logprob: number | null;
  /** Alternatives, highest first: ids and their logprobs (same length). */
  topIds: number[];
  topLogprobs: number[];
  /** Exact entropy (nats) of the reported distribution, with 'all'. */
  entropy?: number;
}

/**
 * Below this vocabulary size one `sampleToken` call that sorts the whole vocabulary is cheaper than
 * two calls that avoid the sort (measured: 512 tokens: 38 us vs 60 us; 2,048 tokens: 194 us vs 95 us).
 */
const SINGLE_CALL_MAX_VOCAB = 1024;

const NO_FILTER: number[] = [];

/**
 * Samples one position and reads the reported distribution, with as few native calls as the
 * settings allow. All values come from llama.cpp's logits: `logprob = logit - maxLogit -
 * log(totalLogitWeight)`, where `totalLogitWeight = sum(exp(logit - maxLogit))` over the
 * distribution's candidates, or, with 'all', a log-sum-exp in double precision over every candidate.
 *
 * Samplers (one set per request; a fresh pick sampler means a fresh random state, so the same seed
 * gives the same tokens):
 * - `pick`: the request's chain (top-k, top-p, min-p, temperature, seeded draw; greedy at
 *   temperature 0). Its candidates after the chain are the `processed` distribution.
 * - `rawView`: greedy, so its candidates are the raw logits of the whole vocabulary.
 * - `topView`: temperature 1 with top-k = k: llama.cpp partially sorts only k entries, so the raw
 *   top-k comes without sorting the vocabulary.
 * - `processedView`: the request's chain with its own random state, to read the `processed`
 *   distribution of a given token (prompt logprobs), and at temperature 0 (greedy), where, as in
 *   vLLM, the reported `processed` distribution is the truncated one at temperature 1.
 *
 * When the pick chain leaves the logits as they are (greedy, or temperature 1 with no truncation)
 * the raw values are read from the pick call itself.
 */
export class StepSampler {
  private readonly internals: LlamaInternals;
  private readonly settings: StepSettings;
  private readonly vocabSize: number;
  private readonly pick: NativeSampler;
  private readonly truncates: boolean;
  /** The pick chain keeps raw logits for the whole vocabulary (when no token is banned). */
  private readonly pickChainIsRaw: boolean;
  private readonly pickConfig: SamplerConfig;
  /** Tokens the pick chain may not draw (end of generation under `ignoreEos` / `minTokens`). */
  private banned: Uint32Array | null = null;
  /** The reported distribution is the raw one (asked for, or `processed` equals it). */
  private readonly reportsRaw: boolean;
  private readonly k: number;
  private rawViewSampler: NativeSampler | undefined;
  private topViewSampler: NativeSampler | undefined;
  private processedViewSampler: NativeSampler | undefined;

  constructor(internals: LlamaInternals, settings: StepSettings, vocabSize: number) {
    this.internals = internals;
    this.settings = settings;
    this.vocabSize = vocabSize;
    const { temperature, topK, topP, minP } = settings;
    this.truncates = (topK > 0 && topK < vocabSize) || topP < 1 || minP > 0;
    const greedy = temperature <= 0;
    this.pickChainIsRaw = greedy || (temperature === 1 && !this.truncates);
    this.reportsRaw = settings.distribution === 'raw' || (!this.truncates && (greedy || temperature === 1));
    this.k = settings.topLogprobs === 'all' ? vocabSize : Math.min(settings.topLogprobs, vocabSize);
    this.pickConfig = this.chainConfig(temperature, settings.seed);
    this.pick = this.newSampler(this.pickConfig);
  }

  /**
   * Forbids the pick chain to draw `ids` (a logit bias of -Infinity, as llama.cpp's `ignore_eos`),
   * or lifts the ban with null. Reported raw values stay the model's: while a ban holds they are read
   * from the views, not from the biased pick chain.
   */
  ban(ids: Uint32Array | null): void {
    const next = ids !== null && ids.length > 0 ? ids : null;
    if (next === this.banned) return;
    this.banned = next;
    this.pick.applyConfig(
      next === null
        ? this.pickConfig
        : {
            ...this.pickConfig,
            tokenBiasKeys: next,
            tokenBiasValues: new Float32Array(next.length).fill(Number.NEGATIVE_INFINITY),
          },
    );
  }

  /** The native one-pass reader, when it can give what this request reports (raw values, top k <= 64). */
  private nativeReader() {
    const reader = this.internals.nativeLogits;
    if (reader === null || !this.reportsRaw || this.settings.topLogprobs === 'all') return null;
    return this.k <= NATIVE_TOP_K_MAX ? reader : null;
  }

  /** The pick call's candidates are the raw logits of the whole vocabulary. */
  private get pickIsRaw(): boolean {
    return this.pickChainIsRaw && this.banned === null;
  }

  /** Samples the next token at a batch logit index and reads its logprob and alternatives. */
  async sample(index: number): Promise<Step> {
    const { sampleToken } = this.internals;
    if (!this.settings.logprobs) {
      // Greedy: the native reader's argmax is the token, without a sampler call.
      const reader = this.internals.nativeLogits;
      if (reader !== null && this.settings.temperature <= 0 && this.banned === null) {
        return { token: reader.read(index, 0).token, logprob: null, topIds: [], topLogprobs: [] };
      }
      return { token: await sampleToken(index, this.pick), logprob: null, topIds: [], topLogprobs: [] };
    }
    const all = this.settings.topLogprobs === 'all';
    const native = this.nativeReader();
    if (native !== null) {
      // One pass over llama.cpp's logits; greedy needs no sampler call at all (the argmax is the token).
      if (this.settings.temperature <= 0 && this.banned === null) return native.read(index, this.k);
      return native.read(index, this.k, await sampleToken(index, this.pick));
    }
    if (this.reportsRaw) {
      if (this.pickIsRaw) {
        if (all) return this.readAll(index, this.pick);
        return this.rawFromPick(index);
      }
      const token = await sampleToken(index, this.pick);
      if (all) return this.readAll(index, this.rawView(), token);
      return this.rawFromViews(index, token);
    }
    if (this.settings.temperature > 0) {
      // The pick chain's candidates are the processed distribution: one call (it sorts them).
      if (all) return this.readAll(index, this.pick);
      const top = Math.max(1, this.k);
      const result = await sampleToken(
        index,
        this.pick,
        false,
        false,
        [NO_FILTER, false, false, true, top],
        true,
      );
      return finish(result[0], result[3], result[4], top, this.k);
    }
    const token = await sampleToken(index, this.pick);
    return this.measureWith(index, token, this.processedView());
  }

  /** The logprob of a given token at a batch logit index (prompt logprobs, scoring); no sampling. */
  async measure(index: number, token: number): Promise<Step> {
    const native = this.nativeReader();
    if (native !== null) return native.read(index, this.k, token);
    // A separate sampler keeps the pick sampler's random state as it would be without measuring.
    return this.measureWith(index, token, this.reportsRaw ? this.rawView() : this.processedView());
  }

  dispose(): void {
    this.pick.dispose();
    this.rawViewSampler?.dispose();
    this.topViewSampler?.dispose();
    this.processedViewSampler?.dispose();
  }

  /** Greedy or plain temperature 1: the pick call sees raw logits, so no view is needed but the top-k. */
  private async rawFromPick(index: number): Promise<Step> {
    const { sampleToken } = this.internals;
    const k = this.k;
    if (this.settings.temperature <= 0 && (k === 0 || this.vocabSize <= SINGLE_CALL_MAX_VOCAB)) {
      // Greedy: the selected token is the argmax, so its logit is the maximum.
      const result = await sampleToken(
        index,
        this.pick,
        false,
        false,
        [NO_FILTER, false, false, true, k],
        true,
      );
      return finish(result[0], result[3], result[4], k, k, selectedIsMax);
    }
    if (this.settings.temperature <= 0) {
      // Greedy: the argmax is the top view's first entry, so the pick call needs only the total
      // weight; asking it for the selected logit would copy the whole vocabulary into a filter list.
      const [weighed, top] = await Promise.all([
        sampleToken(index, this.pick, false, false, false, true),
        this.topViewCall(index),
      ]);
      const step = finish(weighed[0], top[3], weighed[4], 0, k, top);
      if (step.logprob !== null) return step;
    }
    const picked = sampleToken(index, this.pick, false, false, [NO_FILTER, false, false, true, 0], true);
    const viewed = this.topViewCall(index);
    const [selected, top] = await Promise.all([picked, viewed]);
    return finish(selected[0], selected[3], selected[4], 0, k, top);
  }

  /** The token came from a chain that changes the logits: read the raw values with the views. */
  private async rawFromViews(index: number, token: number): Promise<Step> {
    const k = this.k;
    if (k > 0 && this.vocabSize <= SINGLE_CALL_MAX_VOCAB)
      return this.measureWith(index, token, this.rawView());
    // Greedy view + includeSelected adds the argmax: the maximum logit without sorting.
    const selected = this.internals.sampleToken(
      index,
      this.rawView(),
      false,
      false,
      [[token], false, false, true, 0],
      true,
    );
    if (k === 0) {
      const result = await selected;
      return finish(token, result[3], result[4], 0, 0, firstIsMax);
    }
    const [result, top] = await Promise.all([selected, this.topViewCall(index)]);
    return finish(token, result[3], result[4], 0, k, top);
  }

  /** One call on a view sampler: the given token's logit, the top k and the total weight. */
  private async measureWith(index: number, token: number, sampler: NativeSampler): Promise<Step> {
    if (this.settings.topLogprobs === 'all') return this.readAll(index, sampler, token);
    const { sampleToken } = this.internals;
    const k = this.k;
    if (k === 0 && sampler === this.rawViewSampler) {
      const result = await sampleToken(index, sampler, false, false, [[token], false, false, true, 0], true);
      return finish(token, result[3], result[4], 0, 0, firstIsMax);
    }
    const top = Math.max(1, k);
    const result = await sampleToken(index, sampler, false, false, [[token], false, false, false, top], true);
    return finish(token, result[3], result[4], top, k);
  }

  private topViewCall(index: number): Promise<SampleResult> {
    const top = Math.max(1, this.k);
    return this.internals.sampleToken(
      index,
      this.topView(),
      false,
      false,
      [NO_FILTER, false, false, false, top],
      false,
    );
  }

  /** `logits: true`: every candidate, sorted; exact log-softmax and entropy in double precision. */
  private async readAll(index: number, sampler: NativeSampler, given?: number): Promise<Step> {
    const result = await this.internals.sampleToken(index, sampler, false, false, true, false);
    return readAllPairs(given ?? result[0], result[3] ?? []);
  }

  private rawView(): NativeSampler {
    this.rawViewSampler ??= this.newSampler({ temperature: 0, seed: 0 });
    return this.rawViewSampler;
  }

  private topView(): NativeSampler {
    this.topViewSampler ??= this.newSampler({ temperature: 1, seed: 0, topK: Math.max(1, this.k) });
    return this.topViewSampler;
  }

  private processedView(): NativeSampler {
    const { temperature } = this.settings;
    this.processedViewSampler ??= this.newSampler(this.chainConfig(temperature > 0 ? temperature : 1, 0));
    return this.processedViewSampler;
  }

  private chainConfig(temperature: number, seed: number): SamplerConfig {
    const { topK, topP, minP } = this.settings;
    const config: SamplerConfig = { temperature, seed };
    if (topK > 0 && topK < this.vocabSize) config.topK = topK;
    if (topP < 1) config.topP = topP;
    if (minP > 0) config.minP = minP;
    return config;
  }

  private newSampler(config: SamplerConfig): NativeSampler {
    const sampler = this.internals.createSampler();
    sampler.applyConfig(config);
    return sampler;
  }
}
