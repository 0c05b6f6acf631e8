import type { CallOptions, Engine, GenerateRequest, GenerateResult } from '@tokenscope/local';
import { expect } from 'vitest';

/** What one `generate` call saw. */
export interface GenerateCall {
  request: GenerateRequest;
  signal: AbortSignal | undefined;
  /** Tokens the engine produced so far. */
  tokens: number;
  /** How the call ended: resolved, rejected, or still running. */
  outcome: 'running' | 'resolved' | 'rejected';
  error?: unknown;
  settled: Promise<void>;
}

/** A real engine with every `generate` call recorded (its signal, progress and outcome). */
export interface SpyEngine extends Engine {
  calls: GenerateCall[];
  /** Resolves when a call (from the `since`-th on) has produced `tokens` tokens. */
  waitForTokens(tokens: number, since?: number): Promise<GenerateCall>;
}

export function spyEngine(engine: Engine): SpyEngine {
  const calls: GenerateCall[] = [];
  const waiters: Array<() => void> = [];
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };
  return {
    get info() {
      return engine.info;
    },
    calls,
    generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      let settle: () => void = () => {};
      const call: GenerateCall = {
        request,
        signal: options.signal,
        tokens: 0,
        outcome: 'running',
        settled: new Promise((r) => {
          settle = r;
        }),
      };
      calls.push(call);
      const promise = engine.generate(request, {
        ...options,
        onToken(token) {
          call.tokens++;
          options.onToken?.(token);
          notify();
        },
      });
      promise.then(
        () => {
          call.outcome = 'resolved';
          settle();
        },
        (error: unknown) => {
          call.outcome = 'rejected';
          call.error = error;
          settle();
        },
      );
      return promise;
    },
    async waitForTokens(tokens: number, since = 0): Promise<GenerateCall> {
      for (;;) {
        const call = calls.slice(since).find((c) => c.tokens >= tokens);
        if (call) return call;
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    score: (text, options) => engine.score(text, options),
    tokenize: (text) => engine.tokenize(text),
    close: () => engine.close(),
  };
}

/**
 * Reads `stream` and aborts `controller` at its `abortAt`-th event (as a client that stops reading),
 * then checks that the generation the stream came from (the spy's `before`-th call) saw its signal
 * aborted, was rejected, and made fewer than `maxTokens` tokens.
 */
export async function expectReaderAbortStopsGeneration(
  spy: SpyEngine,
  before: number,
  stream: AsyncIterable<unknown>,
  controller: AbortController,
  abortAt: number,
  maxTokens: number,
): Promise<void> {
  let seen = 0;
  try {
    for await (const _ of stream) {
      if (++seen === abortAt) controller.abort();
    }
  } catch {
    // The client throws its abort error.
  }
  const call = spy.calls[before]!;
  await call.settled;
  expect(call.signal?.aborted).toBe(true);
  expect(call.outcome).toBe('rejected');
  expect(call.tokens).toBeLessThan(maxTokens);
}
