import type { Token } from '@tokenscope/core';
import type { CallOptions, Engine, GenerateRequest, GenerateResult } from '@tokenscope/local';

/** An engine that runs one generation at a time, as a real one does, and counts what happened. */
export interface SerialEngine extends Engine {
  /** Generations started, and those ended by their signal. */
  started: number;
  aborted: number;
}

/**
 * A hand-written `Engine` for server tests that need a busy engine: generations run one at a time
 * (the next waits for the previous one, as on a real model), each token is `tokenBytes` of text a
 * millisecond after the last, so a client that stops reading fills the socket's buffers quickly.
 */
export function serialEngine(tokenBytes = 16 * 1024): SerialEngine {
  let queue: Promise<unknown> = Promise.resolve();
  const text = 'x'.repeat(tokenBytes);
  const token = (k: number): Token => ({
    text,
    bytes: null,
    logprob: -0.5,
    top: Array.from({ length: k }, (_, i) => ({ text: `${i}`, logprob: -0.5 - i, bytes: null })),
  });
  const produce = async (request: GenerateRequest, options: CallOptions): Promise<GenerateResult> => {
    engine.started++;
    const k = typeof request.topLogprobs === 'number' ? request.topLogprobs : 0;
    const tokens: Token[] = [];
    try {
      for (let i = 0; i < (request.maxTokens ?? 16); i++) {
        await new Promise((r) => setTimeout(r, 1));
        options.signal?.throwIfAborted();
        const t = token(k);
        tokens.push(t);
        options.onToken?.(t);
      }
    } catch (error) {
      engine.aborted++;
      throw error;
    }
    return {
      text: tokens.map((t) => t.text).join(''),
      tokens,
      finishReason: 'length',
      distribution: request.distribution ?? 'raw',
      usage: { promptTokens: 1, completionTokens: tokens.length },
      promptText: typeof request.prompt === 'string' ? request.prompt : JSON.stringify(request.prompt),
      promptTokenIds: [1],
    };
  };
  const engine: SerialEngine = {
    info: {
      id: 'serial',
      path: '/models/serial.gguf',
      vocabSize: 64,
      contextSize: 1 << 20,
      trainContextSize: 1 << 20,
      hasChatTemplate: true,
    },
    started: 0,
    aborted: 0,
    generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      const run = queue.then(() => produce(request, options));
      queue = run.catch(() => undefined);
      return run;
    },
    async score() {
      return { tokens: [token(0)], sumLogprob: -0.5, perplexity: Math.exp(0.5) };
    },
    async tokenize(input: string) {
      return Array.from({ length: Math.ceil(input.length / 4) }, (_, i) => i);
    },
    async close() {},
  };
  return engine;
}
