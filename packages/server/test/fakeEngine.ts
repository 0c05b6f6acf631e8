import type { Token } from '@tokenscope/core';
import type { CallOptions, Engine, GenerateRequest, GenerateResult, ModelInfo } from '@tokenscope/local';

/**
 * A hand-written `Engine` for routing and validation tests only (the API's real tests run the real
 * engine on stories260K). It "generates" the words of `script` one token at a time, yielding to the
 * event loop between tokens so aborts can land, and records every call.
 */
export interface FakeEngine extends Engine {
  calls: Array<{ request: GenerateRequest; signal: AbortSignal | undefined }>;
  /** Makes the next generate() reject with this error. */
  failNext?: Error;
}

export function fakeEngine(
  overrides: Partial<ModelInfo> = {},
  script = ' Once upon a time there was a cat',
): FakeEngine {
  const info: ModelInfo = {
    id: 'fake',
    path: '/models/fake.gguf',
    vocabSize: 64,
    contextSize: 128,
    trainContextSize: 128,
    hasChatTemplate: false,
    ...overrides,
  };
  const pieces = script.match(/ ?\S+/g) ?? [];
  const token = (text: string, k: number): Token => ({
    text,
    bytes: [...Buffer.from(text)],
    logprob: -0.5,
    top: Array.from({ length: k }, (_, i) => ({ text: `${text}${i}`, logprob: -0.5 - i, bytes: null })),
  });
  const engine: FakeEngine = {
    info,
    calls: [],
    async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      engine.calls.push({ request, signal: options.signal });
      const failure = engine.failNext;
      if (failure) {
        delete engine.failNext;
        throw failure;
      }
      const k = request.topLogprobs === 'all' ? info.vocabSize : (request.topLogprobs ?? 0);
      const max = request.maxTokens ?? pieces.length;
      const tokens: Token[] = [];
      for (const piece of pieces.slice(0, max)) {
        await new Promise((r) => setImmediate(r));
        options.signal?.throwIfAborted();
        const t = token(piece, k);
        tokens.push(t);
        options.onToken?.(t);
      }
      const text = tokens.map((t) => t.text).join('');
      const promptText = typeof request.prompt === 'string' ? request.prompt : JSON.stringify(request.prompt);
      return {
        text,
        tokens,
        ...(request.echo && { prompt: [{ ...token(promptText, k), logprob: null, top: [] }] }),
        finishReason: tokens.length < pieces.length ? 'length' : 'stop',
        distribution: request.distribution ?? 'raw',
        usage: { promptTokens: 1, completionTokens: tokens.length },
        promptText,
      };
    },
    async score() {
      return { tokens: [token('x', 0)], sumLogprob: -0.5, perplexity: Math.exp(0.5) };
    },
    async tokenize(text: string) {
      return Array.from({ length: Math.ceil(text.length / 4) }, (_, i) => i);
    },
    async close() {},
  };
  return engine;
}
