import { AbortError } from '../errors/AbortError.js';
import { ConnectionError } from '../errors/ConnectionError.js';
import { TimeoutError } from '../errors/TimeoutError.js';

/**
 * One try of a request: its own AbortController, aborted by the caller's signal or by an idle timer
 * that `arm()` restarts (before the headers, then before each body chunk). `toError` turns whatever
 * fetch or a body read threw into `AbortError`, `TimeoutError` or `ConnectionError`.
 */
export class Attempt {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut = false;
  private waitingFor = 'waiting for the response headers';
  private readonly onAbort = () => this.controller.abort(this.signal?.reason);

  constructor(
    readonly url: string,
    readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (signal?.aborted) this.controller.abort(signal.reason);
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** (Re)starts the idle timer; `what` names what is awaited, for the timeout message. */
  arm(what: string): void {
    this.waitingFor = what;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new TimeoutError(this.url, this.timeoutMs, this.waitingFor));
    }, this.timeoutMs);
  }

  /** Stops the timer while the caller holds a chunk (its own time does not count). */
  pause(): void {
    clearTimeout(this.timer);
  }

  /** Stops the timer and unhooks the caller's signal. */
  close(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  toError(error: unknown): Error {
    if (this.signal?.aborted) return new AbortError(this.url, this.signal.reason);
    if (this.timedOut) return new TimeoutError(this.url, this.timeoutMs, this.waitingFor);
    if (error instanceof AbortError || error instanceof TimeoutError || error instanceof ConnectionError) {
      return error;
    }
    return new ConnectionError(this.url, describeNetworkError(error), { cause: error });
  }
}

/** `fetch failed (ECONNREFUSED)`, `terminated (other side closed)`, ... */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const detail =
    cause instanceof Error
      ? ((cause as Error & { code?: string }).code ?? cause.message)
      : typeof cause === 'string'
        ? cause
        : undefined;
  return detail && detail !== error.message ? `${error.message} (${detail})` : error.message;
}
