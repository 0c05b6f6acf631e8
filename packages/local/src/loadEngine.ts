import { basename, resolve } from 'node:path';
import { getLlama, type Llama, LlamaLogLevel } from 'node-llama-cpp';
import type { Engine } from './Engine.js';
import { getLlamaInternals } from './engine/LlamaInternals.js';
import { Vocabulary } from './engine/Vocabulary.js';
import { GenerationAbortedError } from './errors/GenerationAbortedError.js';
import { LlamaEngine } from './LlamaEngine.js';

export interface LoadEngineOptions {
  /** Context size in tokens. Default: the model's training context, at most 4,096. */
  contextSize?: number;
  /** CPU threads for llama.cpp. Default 1 (more threads than free cores make it far slower). */
  threads?: number;
  /** Stops loading; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * Read logprobs with the one-pass native reader when it was built (default true); false uses
   * node-llama-cpp's sampling calls (the same values; for comparisons).
   */
  nativeLogits?: boolean;
}

/** Largest default context: a bigger one costs memory most requests never use. */
const MAX_DEFAULT_CONTEXT = 4096;

let llamaPromise: Promise<Llama> | undefined;

/** One llama.cpp binding per process, CPU only, never downloading or building. */
function sharedLlama(): Promise<Llama> {
  llamaPromise ??= getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error }).catch(
    (error: unknown) => {
      llamaPromise = undefined;
      throw error;
    },
  );
  return llamaPromise;
}

/**
 * Loads a GGUF model into this process and returns an `Engine` with real per-token logprobs.
 * Checks that the node-llama-cpp internals the generation loop uses are there (`EngineInternalsError`).
 */
export async function loadEngine(modelPath: string, options: LoadEngineOptions = {}): Promise<Engine> {
  const { signal, threads = 1 } = options;
  const abortIfNeeded = () => {
    if (signal?.aborted) throw new GenerationAbortedError('loading', signal.reason);
  };
  abortIfNeeded();
  const path = resolve(modelPath);
  const llama = await sharedLlama();
  abortIfNeeded();
  const model = await llama.loadModel({ modelPath: path, ...(signal ? { loadSignal: signal } : {}) });
  try {
    abortIfNeeded();
    const trainContextSize = model.trainContextSize;
    const contextSize = options.contextSize ?? Math.min(trainContextSize, MAX_DEFAULT_CONTEXT);
    const context = await model.createContext({
      contextSize,
      threads,
      sequences: 1,
      batchSize: Math.min(contextSize, 512),
      ...(signal ? { createSignal: signal } : {}),
    });
    try {
      abortIfNeeded();
      const sequence = context.getSequence();
      const internals = getLlamaInternals(llama, model, context, sequence, {
        nativeLogits: options.nativeLogits ?? true,
      });
      const id = basename(path).replace(/\.gguf$/i, '');
      const vocabulary = new Vocabulary(model, id);
      const template = model.fileInfo.metadata?.tokenizer?.chat_template;
      return new LlamaEngine({
        info: {
          id,
          path,
          vocabSize: vocabulary.size,
          contextSize: context.contextSize,
          trainContextSize,
          hasChatTemplate: typeof template === 'string' && template.trim() !== '',
          logitsReader: internals.logitsReader,
        },
        model,
        context,
        sequence,
        internals,
        vocabulary,
      });
    } catch (error) {
      await context.dispose();
      throw error;
    }
  } catch (error) {
    await model.dispose();
    throw error;
  }
}
