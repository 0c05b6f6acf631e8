import type { Token } from '@tokenscope/core';
import type { Engine, GenerateRequest, GenerateResult } from '@tokenscope/local';

/**
 * Runs `n` generations of one request (choice `i` with seed `seed + i`, so a seeded request is
 * reproducible and its choices differ), all at once: the engine queues or batches them. `signal`
 * aborts them all; when one fails the others are aborted too.
 */
export async function runChoices(
  engine: Engine,
  request: GenerateRequest,
  options: {
    n: number;
    seed?: number | undefined;
    signal: AbortSignal;
    onToken?: (index: number, token: Token) => void;
  },
): Promise<GenerateResult[]> {
  const controller = new AbortController();
  const abort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) abort();
  else options.signal.addEventListener('abort', abort, { once: true });
  try {
    return await Promise.all(
      Array.from({ length: options.n }, async (_, index) => {
        const choiceRequest: GenerateRequest = { ...request };
        if (options.seed !== undefined) choiceRequest.seed = (options.seed + index) >>> 0;
        const onToken = options.onToken;
        try {
          return await engine.generate(choiceRequest, {
            signal: controller.signal,
            ...(onToken && { onToken: (token: Token) => onToken(index, token) }),
          });
        } catch (error) {
          controller.abort(error);
          throw error;
        }
      }),
    );
  } finally {
    options.signal.removeEventListener('abort', abort);
  }
}
