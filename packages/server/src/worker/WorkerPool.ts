/**
 * A small pool of worker threads (node:worker_threads) that run one kind of task off the thread
 * that answers requests. Workers start on first use, up to `size`, and are reused; a task waits in
 * line when all are busy. An idle worker does not keep the process alive. What a task throws comes
 * back as the same error class (`toErrorData`, `fromErrorData`); a worker that dies takes its task with it (rejected
 * with a plain `Error`, a 500) and is replaced on next use.
 *
 * The entry module answers each `postMessage(input)` with one `{ ok: true, value }` or
 * `{ ok: false, error: ErrorData }` (see `serveTasks`).
 */
import { Worker } from 'node:worker_threads';
import { fromErrorData } from './fromErrorData.js';
import type { ErrorData } from './toErrorData.js';

export type TaskAnswer<Out> = { ok: true; value: Out } | { ok: false; error: ErrorData };

interface Job<In, Out> {
  input: In;
  transfer: ArrayBuffer[];
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

export class WorkerPool<In, Out> {
  readonly #entry: string;
  readonly #size: number;
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Job<In, Out>>();
  readonly #waiting: Array<Job<In, Out>> = [];
  #closed = false;

  /** `entry`: the worker module's file (compiled JavaScript); `size`: the most workers at once. */
  constructor(entry: string, size: number) {
    this.#entry = entry;
    this.#size = Math.max(1, size);
  }

  /**
   * Runs one task on a worker; resolves with its value or rejects with its error. The buffers in
   * `transfer` move to the worker (unusable here afterwards).
   */
  run(input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<Out>((resolve, reject) => {
      this.#waiting.push({ input, transfer, resolve, reject });
      this.#dispatch();
    });
  }

  /** Ends every worker; tasks still running or waiting are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.reject(new Error('the worker pool was closed'));
    const workers = [...this.#idle.splice(0), ...this.#busy.keys()];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      let worker = this.#idle.pop();
      if (worker === undefined) {
        if (this.#busy.size >= this.#size) return;
        worker = this.#start();
      }
      const job = this.#waiting.shift()!;
      this.#busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.input, job.transfer);
    }
  }

  #start(): Worker {
    // no inherited flags: under Vitest they include `--conditions source`, which would load .ts files
    const worker = new Worker(this.#entry, { execArgv: [] });
    worker.on('message', (answer: TaskAnswer<Out>) => {
      const job = this.#busy.get(worker);
      this.#busy.delete(worker);
      worker.unref();
      this.#idle.push(worker);
      if (answer.ok) job?.resolve(answer.value);
      else job?.reject(fromErrorData(answer.error));
      this.#dispatch();
    });
    const fail = (error: Error) => {
      const job = this.#busy.get(worker);
      this.#busy.delete(worker);
      const at = this.#idle.indexOf(worker);
      if (at >= 0) this.#idle.splice(at, 1);
      job?.reject(error);
      if (!this.#closed) this.#dispatch();
    };
    worker.on('error', (error) =>
      fail(new Error(`a worker thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code})`)));
    return worker;
  }
}
