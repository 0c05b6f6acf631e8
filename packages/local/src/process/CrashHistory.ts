/**
 * Crashes of a model process within a sliding window, to decide whether to restart it and after
 * how long: the first restart is immediate, then 200 ms, 400 ms, ... up to 4 s; after `maxCrashes`
 * crashes within `windowMs` with no successful request between, no more restarts.
 */
export class CrashHistory {
  private times: number[] = [];

  constructor(
    readonly maxCrashes: number,
    readonly windowMs: number,
  ) {}

  /** Crashes counted now. */
  get count(): number {
    return this.times.length;
  }

  record(now: number = Date.now()): void {
    this.times = [...this.times.filter((t) => now - t < this.windowMs), now];
  }

  /** A request succeeded: the process works, so earlier crashes no longer count. */
  reset(): void {
    this.times = [];
  }

  get exhausted(): boolean {
    return this.times.length >= this.maxCrashes;
  }

  /** Milliseconds to wait before the next restart. */
  get backoffMs(): number {
    return this.times.length <= 1 ? 0 : Math.min(100 * 2 ** (this.times.length - 1), 4000);
  }
}
