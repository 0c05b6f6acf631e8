/**
 * The native logits reader (packages/local/native/readLogits.cc, built on install by
 * scripts/buildNative.mjs): one pass over a position's logits in llama.cpp's own buffer gives the
 * maximum, the log-sum-exp, the top k and a given token's logit, where node-llama-cpp's sampling
 * API copies the vocabulary into a candidate array on each call and needs two calls for the same.
 * Optional: when it was not built or does not match the loaded node-llama-cpp, `loadNativeLogits`
 * says why and the engine uses the two-call path (same values).
 */
import { createRequire } from 'node:module';
import type { LlamaContext, LlamaModel } from 'node-llama-cpp';
import type { Step } from './StepSampler.js';

interface NativeModule {
  bind(context: unknown, model: unknown, contextSize: number): unknown;
  read(bound: unknown, batchLogitIndex: number, k: number, token: number, out: Float64Array): number;
}

/** Where the built addon lives, relative to this file in src/engine and in dist/engine alike. */
const ADDON = '../../native/build/readLogits.node';

/** Most alternatives the one-pass reader keeps (its top-k insertion is O(vocabulary x k)). */
export const NATIVE_TOP_K_MAX = 64;

let loaded: { module: NativeModule } | { reason: string } | undefined;

function nativeModule(): { module: NativeModule } | { reason: string } {
  if (loaded !== undefined) return loaded;
  if (process.env.TOKENSCOPE_NATIVE_LOGITS === '0') {
    loaded = { reason: 'switched off by TOKENSCOPE_NATIVE_LOGITS=0' };
    return loaded;
  }
  try {
    loaded = { module: createRequire(import.meta.url)(ADDON) as NativeModule };
  } catch (error) {
    const code = (error as { code?: string }).code;
    loaded = {
      reason:
        code === 'MODULE_NOT_FOUND'
          ? 'it was not built on install (run `npm rebuild @tokenscope/local` to build it; it needs a C++ compiler and git)'
          : `it did not load: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return loaded;
}

/** Reads one position's raw distribution straight from llama.cpp's logits. */
export class NativeLogitsReader {
  private readonly module: NativeModule;
  private readonly bound: unknown;
  private out = new Float64Array(3 + 2 * NATIVE_TOP_K_MAX);

  private constructor(module: NativeModule, bound: unknown) {
    this.module = module;
    this.bound = bound;
  }

  /**
   * Binds the reader to a context, or says in one line why the two-call path is used instead
   * (`reason`). Never throws.
   */
  static load(model: LlamaModel, context: LlamaContext): NativeLogitsReader | { reason: string } {
    const found = nativeModule();
    if ('reason' in found) return found;
    try {
      const bound = found.module.bind(
        (context as unknown as { _ctx: unknown })._ctx,
        (model as unknown as { _model: unknown })._model,
        context.contextSize,
      );
      return new NativeLogitsReader(found.module, bound);
    } catch (error) {
      return { reason: `it does not match this node-llama-cpp build: ${(error as Error).message}` };
    }
  }

  /**
   * The raw log-softmax values at a batch logit index: `token`'s (or, with `token` absent, the
   * argmax's, which is then the token) and the top `k` (at most NATIVE_TOP_K_MAX), highest first.
   */
  read(index: number, k: number, token?: number): Step {
    const out = this.out;
    const argmax = this.module.read(this.bound, index, k, token ?? -1, out);
    const chosen = token ?? argmax;
    const offset = out[0]! + out[1]!;
    const topIds: number[] = new Array(k);
    const topLogprobs: number[] = new Array(k);
    for (let i = 0; i < k; i++) {
      topIds[i] = out[3 + i]!;
      topLogprobs[i] = out[3 + k + i]! - offset;
    }
    const logit = token === undefined ? out[0]! : out[2]!;
    return { token: chosen, logprob: logit - offset, topIds, topLogprobs };
  }
}
