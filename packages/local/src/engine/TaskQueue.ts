import { GenerationAbortedError } from '../errors/GenerationAbortedError.js';
import { EngineClosedError } from '../process/EngineClosedError.js';

/**
 * Runs tasks one at a time, in order (the engine has one context sequence). A task whose signal
 * aborts while it waits leaves the queue at once with an AbortError; `close` lets the running and
 * queued tasks finish, then refuses new ones.
 */
export class TaskQueue {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  async run<T>(
    modelId: string,
    signal: AbortSignal | undefined,
    what: 'generation' | 'scoring',
    task: () => Promise<T>,
  ): Promise<T> {
    if (this.closed) throw new EngineClosedError(modelId);
    if (signal?.aborted) throw new GenerationAbortedError(what, signal.reason);
    const previous = this.tail;
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.tail = previous.then(() => done);
    try {
      await waitUnlessAborted(previous, signal, what);
      if (this.closed) throw new EngineClosedError(modelId);
      return await task();
    } finally {
      release();
    }
  }

  /** Waits for every queued task, then runs `dispose` once. */
  async close(dispose: () => Promise<void>): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await dispose();
  }
}

function waitUnlessAborted(
  promise: Promise<void>,
  signal: AbortSignal | undefined,
  what: 'generation' | 'scoring',
): Promise<void> {
  if (!signal) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new GenerationAbortedError(what, signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
