/**
 * Typed access to the few internals of node-llama-cpp 3.22.1 that the generation loop uses.
 *
 * The public `LlamaContextSequence.evaluate()` creates one sampler per call and `controlledEvaluate()`
 * one per call *and* per token, which costs a fixed JS overhead per token and resets the sampler's
 * random state. `LlamaContext._evaluate` (the library's own plain generator) instead keeps one native
 * sampler and calls `context._ctx.sampleToken(batchLogitIndex, sampler, ...)` inside
 * `sequence._decodeTokens(...)`. We do the same, with samplers we own. `getLlamaInternals` checks at
 * load time that every piece exists, so a changed node-llama-cpp fails with one clear error instead
 * of a TypeError deep in a generation.
 */
import type {
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammarEvaluationState,
  LlamaModel,
} from 'node-llama-cpp';
import { EngineInternalsError } from '../errors/EngineInternalsError.js';
import { NativeLogitsReader } from './NativeLogitsReader.js';

/** The version whose internals this file was written against (package.json pins it exactly). */
export const NODE_LLAMA_CPP_VERSION = '3.22.1';

/** Token-value pairs as the addon returns them: `[id0, value0, id1, value1, ...]`. */
export type FlatPairs = number[];

/** What `sampleToken` resolves to when asked for extras: token (-1 = none), probabilities, confidence, logits, total logit weight. */
export type SampleResult = [
  token: number,
  probabilities: FlatPairs | undefined,
  confidence: number | undefined,
  logits: FlatPairs | undefined,
  totalLogitWeight: number | undefined,
];

/**
 * `logits` argument of `sampleToken`: `true` = every candidate left after the sampler chain, sorted
 * by logit (highest first); or a filter `[tokens, includeMax, includeMin, includeSelected, includeTop]`.
 * `includeTop > 0` makes the addon sort the candidates (a full sort unless the chain sorted them).
 */
export type LogitsRequest = boolean | [number[], boolean, boolean, boolean, number];

/** The native sampler (llama.cpp sampler chain) as the addon exposes it. */
export interface NativeSampler {
  applyConfig(config: SamplerConfig): void;
  dispose(): void;
}

/** Sampler chain settings. A key left out switches that stage off; `temperature <= 0` is greedy. */
export interface SamplerConfig {
  temperature: number;
  seed: number;
  topK?: number;
  topP?: number;
  minP?: number;
  /** Logit biases (llama.cpp's logit-bias stage, first in the chain): token ids and what to add. */
  tokenBiasKeys?: Uint32Array;
  tokenBiasValues?: Float32Array;
}

interface NativeContext {
  sampleToken(batchLogitIndex: number, sampler: NativeSampler): Promise<number>;
  sampleToken(
    batchLogitIndex: number,
    sampler: NativeSampler,
    probabilities: boolean,
    confidence: boolean,
    logits: LogitsRequest,
    totalLogitWeight: boolean,
  ): Promise<SampleResult>;
}

type LogitDataMapper = (batchLogitIndex: number, tokenIndex: number) => unknown;

interface SequenceInternals {
  _decodeTokens(
    tokens: number[],
    logits: boolean[],
    evaluationPriority: number,
    tokenMeter: unknown,
    contextShiftOptions: unknown,
    logitDataMapper: LogitDataMapper,
    afterBatchAction?: unknown,
  ): Promise<unknown[]>;
  _tokenMeter: unknown;
  _contextShift: unknown;
  _takeIntervalCheckpointIfNeededAfterBatch?: unknown;
}

/** The internals bound to one model, context and sequence. */
export interface LlamaInternals {
  /** A new native sampler for the model (the caller disposes it). */
  createSampler(): NativeSampler;
  /** `context._ctx.sampleToken`, bound. */
  sampleToken: NativeContext['sampleToken'];
  /**
   * Evaluates `tokens` on the sequence; `mapper` is called, one call after another, for every index
   * whose `logits[i]` is true. Resolves to the mapper's results by token index.
   */
  decode(tokens: number[], logits: boolean[], mapper: LogitDataMapper): Promise<unknown[]>;
  /**
   * Feeds `tokens` to a grammar state, in order, as if they had been generated under it. Returns the
   * index of the first token the grammar does not allow there (the state then holds the tokens
   * before it), or -1 when it accepted them all.
   */
  acceptGrammarTokens(state: LlamaGrammarEvaluationState, tokens: readonly number[]): number;
  /** The one-pass native logits reader, or null when it cannot be used (`logitsReader` says why). */
  nativeLogits: NativeLogitsReader | null;
  /** `native`, or why the two-call path reads the logits: one line for people. */
  logitsReader: string;
}

/** The native grammar state behind node-llama-cpp's `LlamaGrammarEvaluationState` (internal `_state`). */
export function nativeGrammarState(state: LlamaGrammarEvaluationState): unknown {
  return (state as unknown as { _state: unknown })._state;
}

/** The addon's static grammar helpers (what `LlamaSampler._acceptTokenOnGrammarEvaluationState` calls). */
interface GrammarStatics {
  canBeNextTokenForGrammarEvaluationState(state: unknown, token: number): boolean;
  acceptGrammarEvaluationStateToken(state: unknown, token: number): void;
}

/** Default evaluation priority of node-llama-cpp (only matters with several sequences). */
const EVALUATION_PRIORITY = 5;

function missing(what: string): never {
  throw new EngineInternalsError(what, NODE_LLAMA_CPP_VERSION);
}

/** Checks that the internals exist and binds them. Throws `EngineInternalsError` when one is missing. */
export function getLlamaInternals(
  llama: Llama,
  model: LlamaModel,
  context: LlamaContext,
  sequence: LlamaContextSequence,
  options: { nativeLogits: boolean } = { nativeLogits: true },
): LlamaInternals {
  const bindings = (llama as unknown as { _bindings?: { AddonSampler?: unknown } })._bindings;
  const AddonSampler = bindings?.AddonSampler;
  if (typeof AddonSampler !== 'function') missing('llama._bindings.AddonSampler');
  const nativeModel = (model as unknown as { _model?: unknown })._model;
  if (nativeModel === undefined) missing('model._model');
  const ctx = (context as unknown as { _ctx?: Partial<NativeContext> })._ctx;
  if (typeof ctx?.sampleToken !== 'function') missing('context._ctx.sampleToken');
  const seq = sequence as unknown as Partial<SequenceInternals>;
  if (typeof seq._decodeTokens !== 'function') missing('sequence._decodeTokens');
  if (seq._tokenMeter === undefined) missing('sequence._tokenMeter');
  if (seq._contextShift === undefined) missing('sequence._contextShift');
  const grammar = AddonSampler as unknown as Partial<GrammarStatics>;
  if (
    typeof grammar.canBeNextTokenForGrammarEvaluationState !== 'function' ||
    typeof grammar.acceptGrammarEvaluationStateToken !== 'function'
  ) {
    missing('AddonSampler.canBeNextTokenForGrammarEvaluationState / acceptGrammarEvaluationStateToken');
  }
  const statics = grammar as GrammarStatics;
  const SamplerClass = AddonSampler as new (model: unknown) => NativeSampler;
  const probe = new SamplerClass(nativeModel);
  if (typeof probe.applyConfig !== 'function' || typeof probe.dispose !== 'function') {
    missing('AddonSampler.applyConfig / dispose');
  }
  probe.dispose();
  const full = seq as SequenceInternals;
  const native = ctx as NativeContext;
  const reader = options.nativeLogits
    ? NativeLogitsReader.load(model, context)
    : { reason: 'switched off (nativeLogits: false)' };
  const nativeLogits = reader instanceof NativeLogitsReader ? reader : null;
  return {
    nativeLogits,
    logitsReader:
      reader instanceof NativeLogitsReader
        ? 'native'
        : `node-llama-cpp's sampling calls (the one-pass native reader is not used: ${reader.reason})`,
    createSampler: () => new SamplerClass(nativeModel),
    sampleToken: native.sampleToken.bind(native) as NativeContext['sampleToken'],
    decode: (tokens, logits, mapper) => decodeSettled(full, tokens, logits, mapper),
    acceptGrammarTokens: (state, tokens) => {
      const native = nativeGrammarState(state);
      for (const [i, token] of tokens.entries()) {
        if (!statics.canBeNextTokenForGrammarEvaluationState(native, token)) return i;
        statics.acceptGrammarEvaluationStateToken(native, token);
      }
      return -1;
    },
  };
}

/**
 * node-llama-cpp runs the mapper inside a batch dispatch it does not await (`void withLock(...)`):
 * a mapper that throws or rejects leaves the decode promise pending forever (and the rejection
 * unhandled). The mapper is wrapped so it always settles; its first error is thrown once the batch
 * is decoded, which also leaves the sequence's token bookkeeping consistent for the next call.
 */
async function decodeSettled(
  sequence: SequenceInternals,
  tokens: number[],
  logits: boolean[],
  mapper: LogitDataMapper,
): Promise<unknown[]> {
  let failure: { error: unknown } | undefined;
  const safeMapper = (batchLogitIndex: number, tokenIndex: number): unknown => {
    if (failure) return undefined;
    const fail = (error: unknown) => {
      failure ??= { error };
      return undefined;
    };
    try {
      const value = mapper(batchLogitIndex, tokenIndex);
      return value instanceof Promise ? value.catch(fail) : value;
    } catch (error) {
      return fail(error);
    }
  };
  const results = await sequence._decodeTokens(
    tokens,
    logits,
    EVALUATION_PRIORITY,
    sequence._tokenMeter,
    sequence._contextShift,
    safeMapper,
    sequence._takeIntervalCheckpointIfNeededAfterBatch,
  );
  if (failure) throw failure.error;
  return results;
}
