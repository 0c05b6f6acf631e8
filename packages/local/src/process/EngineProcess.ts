import { InvalidOptionError, type Token, TokenscopeError } from '@tokenscope/core';
import type {
  ScoreContinuationsOptions,
  ScoreContinuationsResult,
  ScoringPrefix,
} from '../ContinuationScores.js';
import type {
  CallOptions,
  Engine,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  ScoreResult,
} from '../Engine.js';
import { GenerationAbortedError } from '../errors/GenerationAbortedError.js';
import { CrashHistory } from './CrashHistory.js';
import { EngineClosedError } from './EngineClosedError.js';
import { describeExit, EngineCrashedError, type ProcessExit } from './EngineCrashedError.js';
import { EngineStartError } from './EngineStartError.js';
import { EngineUnavailableError } from './EngineUnavailableError.js';

export type { EngineProcessOptions } from './EngineProcessOptions.js';

import type { EngineProcessOptions } from './EngineProcessOptions.js';
import { HostProcess } from './HostProcess.js';
import type { ChildMessage, HostCall, HostResults } from './protocol.js';
import { reviveError } from './reviveError.js';

interface Pending {
  id: number;
  call: HostCall;
  resolve: (value: HostResults[keyof HostResults]) => void;
  reject: (error: unknown) => void;
  onToken: ((token: Token) => void) | undefined;
  settled: boolean;
  detach: () => void;
}

type State = 'starting' | 'ready' | 'restarting' | 'failed' | 'closed';

/** The in-process engine's abort error (name `AbortError`, code `aborted`), so callers see no difference. */
function abortError(call: HostCall, signal: AbortSignal): GenerationAbortedError {
  return new GenerationAbortedError(call.method === 'generate' ? 'generation' : 'scoring', signal.reason);
}

/**
 * An `Engine` that runs the real engine (`loadEngine`) in a child process, so that a native abort
 * in llama.cpp (e.g. a character the vocabulary lacks) kills only the child: the request it was
 * running rejects with `EngineCrashedError`, the child is restarted (with backoff), and waiting
 * requests run on the new one.
 *
 * Requests are queued and run ONE AT A TIME per process, in order (a llama.cpp context evaluates one
 * sequence at a time anyway; run several processes for parallelism). An aborted request rejects at
 * once; the child is told to stop and the next request starts when it has (or when it is killed
 * after `cancelGraceMs`).
 */
export class EngineProcess implements Engine {
  private host: HostProcess | undefined;
  private state: State = 'starting';
  private modelInfo: ModelInfo | undefined;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  private nextId = 1;
  private readonly crashes: CrashHistory;
  private failure: Error | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Stops a constrained generation that produced no token for `constraintStepTimeoutMs`. */
  private stepTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private loadTimer: NodeJS.Timeout | undefined;
  private startup: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private closing: Promise<void> | undefined;
  private restartCount = 0;
  private streamed = 0;

  constructor(
    readonly modelPath: string,
    private readonly entry: string,
    private readonly options: EngineProcessOptions = {},
  ) {
    this.crashes = new CrashHistory(options.maxCrashes ?? 5, options.crashWindowMs ?? 60_000);
  }

  get info(): ModelInfo {
    if (this.modelInfo === undefined) throw new Error('EngineProcess.info read before the model was loaded');
    return this.modelInfo;
  }

  /** Process id of the current model process (undefined between a crash and the restart). */
  get pid(): number | undefined {
    return this.host?.alive === true ? this.host.pid : undefined;
  }

  /** How many times the model process was restarted. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Tokens the model process has streamed back so far, aborted requests included (for monitoring). */
  get tokensStreamed(): number {
    return this.streamed;
  }

  /** Starts the first model process; rejects with the load error (or `EngineStartError`). */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.startup = { resolve, reject };
      this.spawn();
    });
  }

  generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
    // A constrained generation always streams its tokens back: each one tells the step watchdog it moves.
    const stream =
      options.onToken !== undefined || (request.constraint !== undefined && this.stepTimeoutMs() > 0);
    const call: HostCall = { method: 'generate', request, stream };
    return this.enqueue(call, options.signal, options.onToken) as Promise<GenerateResult>;
  }

  score(text: string, options: { topLogprobs?: number; signal?: AbortSignal } = {}): Promise<ScoreResult> {
    const call: HostCall = {
      method: 'score',
      text,
      ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    };
    return this.enqueue(call, options.signal, undefined) as Promise<ScoreResult>;
  }

  scoreContinuations(
    prefix: ScoringPrefix,
    continuations: string[],
    options: ScoreContinuationsOptions = {},
  ): Promise<ScoreContinuationsResult> {
    const call: HostCall = {
      method: 'scoreContinuations',
      prefix,
      continuations,
      ...(options.topLogprobs === undefined ? {} : { topLogprobs: options.topLogprobs }),
    };
    return this.enqueue(call, options.signal, undefined) as Promise<ScoreContinuationsResult>;
  }

  tokenize(text: string): Promise<number[]> {
    return this.enqueue({ method: 'tokenize', text }, undefined, undefined) as Promise<number[]>;
  }

  /** Rejects waiting requests with `EngineClosedError`, stops the model process and waits for it to exit. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const wasStarting = this.state === 'starting';
    this.state = 'closed';
    clearTimeout(this.restartTimer);
    clearTimeout(this.graceTimer);
    clearTimeout(this.stepTimer);
    const error = new EngineClosedError(this.modelInfo?.id ?? this.modelPath);
    clearTimeout(this.loadTimer);
    this.startup?.reject(error);
    this.startup = undefined;
    for (const pending of [...this.queue.splice(0), ...(this.current ? [this.current] : [])]) {
      this.settle(pending, () => pending.reject(error));
    }
    this.current = undefined;
    const host = this.host;
    if (host === undefined || !host.alive) return;
    await new Promise<void>((resolve) => {
      host.child.once('close', () => resolve());
      if (wasStarting) host.kill();
      else host.send({ type: 'close' });
      setTimeout(() => host.kill(), 3000).unref();
    });
  }

  private enqueue(
    call: HostCall,
    signal: AbortSignal | undefined,
    onToken: Pending['onToken'],
  ): Promise<unknown> {
    if (this.state === 'closed')
      return Promise.reject(new EngineClosedError(this.modelInfo?.id ?? this.modelPath));
    if (this.state === 'failed' && this.failure !== undefined) return Promise.reject(this.failure);
    if (signal?.aborted === true) return Promise.reject(abortError(call, signal));
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        id: this.nextId++,
        call,
        resolve,
        reject,
        onToken,
        settled: false,
        detach: () => {},
      };
      if (signal !== undefined) {
        const onAbort = (): void => this.abort(pending, signal);
        signal.addEventListener('abort', onAbort, { once: true });
        pending.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(pending);
      this.pump();
    });
  }

  private settle(pending: Pending, action: () => void): void {
    if (pending.settled) return;
    pending.settled = true;
    pending.detach();
    action();
  }

  private abort(pending: Pending, signal: AbortSignal): void {
    this.stop(pending, abortError(pending.call, signal));
  }

  /** Rejects a request with `error` at once and, when it is running, tells the child to stop it. */
  private stop(pending: Pending, error: unknown): void {
    this.settle(pending, () => pending.reject(error));
    const index = this.queue.indexOf(pending);
    if (index !== -1) {
      this.queue.splice(index, 1);
      return;
    }
    if (this.current !== pending || this.host === undefined) return;
    this.host.send({ type: 'cancel', id: pending.id });
    const host = this.host;
    // A child that does not stop is killed; that counts as a restart, not as a crash of a request.
    this.graceTimer = setTimeout(() => {
      if (this.current === pending && this.host === host) host.kill();
    }, this.options.cancelGraceMs ?? 5000);
  }

  private pump(): void {
    if (this.state !== 'ready' || this.current !== undefined || this.host === undefined) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    this.current = next;
    this.host.send({ type: 'call', id: next.id, call: next.call });
    this.watchStep(next);
  }

  private stepTimeoutMs(): number {
    return this.options.constraintStepTimeoutMs ?? 20_000;
  }

  /** (Re)starts the step watchdog of a running constrained generation. */
  private watchStep(pending: Pending): void {
    clearTimeout(this.stepTimer);
    const ms = this.stepTimeoutMs();
    const { call } = pending;
    if (ms <= 0 || call.method !== 'generate' || call.request.constraint === undefined) return;
    this.stepTimer = setTimeout(() => {
      if (this.current !== pending) return;
      this.stop(
        pending,
        new InvalidOptionError(
          'constraint',
          `the model spent more than ${ms / 1000} s on one token under this constraint, so it was stopped: simplify the grammar (nested optional repeats such as x{1000} or [a-z]* [a-z]* make llama.cpp's grammar engine slow) or use fewer choices`,
        ),
      );
    }, ms);
    this.stepTimer.unref();
  }

  private spawn(): void {
    this.host = new HostProcess({
      entry: this.entry,
      ...(this.options.env === undefined ? {} : { env: this.options.env }),
      ...(this.options.onOutput === undefined ? {} : { onOutput: this.options.onOutput }),
      onMessage: (message) => this.onMessage(message),
      onExit: (exit) => this.onExit(exit),
    });
    const timeout = this.options.loadTimeoutMs ?? 120_000;
    const host = this.host;
    // A load that hangs: at start it is an error; on a restart, killing the child counts as a crash.
    this.loadTimer = setTimeout(() => {
      if (this.startup !== undefined)
        this.failStartup(new EngineStartError(this.modelPath, `loading took longer than ${timeout} ms`));
      host.kill();
    }, timeout);
    const { contextSize, threads } = this.options;
    this.host.send({
      type: 'load',
      modelPath: this.modelPath,
      options: {
        ...(contextSize === undefined ? {} : { contextSize }),
        ...(threads === undefined ? {} : { threads }),
      },
    });
  }

  private onMessage(message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        this.modelInfo = message.info;
        this.state = 'ready';
        clearTimeout(this.loadTimer);
        this.startup?.resolve();
        this.startup = undefined;
        this.pump();
        return;
      case 'loadFailed': {
        clearTimeout(this.loadTimer);
        if (this.startup !== undefined) {
          // The engine's own errors (missing file, ...) as they are; anything else (node-llama-cpp's
          // "Invalid GGUF magic") wrapped, so that the message names the model.
          const error = reviveError(message.error);
          this.failStartup(
            error instanceof TokenscopeError
              ? error
              : new EngineStartError(this.modelPath, error.message, { cause: error }),
          );
        }
        // On a restart, a failed load ends the child; its exit counts as a crash.
        this.host?.kill();
        return;
      }
      case 'token': {
        this.streamed++;
        const current = this.current;
        if (current?.id !== message.id || current.settled) return;
        this.watchStep(current);
        try {
          current.onToken?.(message.token);
        } catch (error) {
          // As in the in-process engine: a callback that throws fails its request (not this process).
          this.stop(current, error);
        }
        return;
      }
      case 'result':
      case 'failed': {
        const current = this.current;
        if (current?.id !== message.id) return;
        clearTimeout(this.graceTimer);
        clearTimeout(this.stepTimer);
        this.current = undefined;
        if (message.type === 'result') {
          this.crashes.reset();
          this.settle(current, () => current.resolve(message.value));
        } else {
          this.settle(current, () => current.reject(reviveError(message.error)));
        }
        this.pump();
        return;
      }
      case 'closed':
        return;
    }
  }

  private failStartup(error: Error): void {
    this.state = 'failed';
    this.failure = error;
    this.startup?.reject(error);
    this.startup = undefined;
  }

  private onExit(exit: ProcessExit): void {
    this.host = undefined;
    if (this.state === 'closed') return;
    clearTimeout(this.loadTimer);
    if (this.startup !== undefined) {
      this.failStartup(new EngineStartError(this.modelPath, exit));
      return;
    }
    if (this.state === 'failed') return;
    clearTimeout(this.stepTimer);
    const crashed = this.current;
    this.current = undefined;
    // A child killed because it did not stop after a cancel is restarted, but is not counted.
    if (crashed?.settled !== true) this.crashes.record();
    const restart = (this.options.restart ?? true) && !this.crashes.exhausted;
    if (crashed !== undefined) {
      this.settle(crashed, () => crashed.reject(new EngineCrashedError(this.modelPath, exit, restart)));
    }
    if (!restart) {
      this.state = 'failed';
      this.failure =
        (this.options.restart ?? true)
          ? new EngineUnavailableError(
              this.modelPath,
              this.crashes.count,
              this.crashes.windowMs,
              describeExit(exit),
            )
          : new EngineCrashedError(this.modelPath, exit, false);
      for (const pending of this.queue.splice(0)) this.settle(pending, () => pending.reject(this.failure));
      return;
    }
    this.state = 'restarting';
    this.restartTimer = setTimeout(() => {
      if (this.state !== 'restarting') return;
      this.restartCount++;
      this.spawn();
    }, this.crashes.backoffMs);
  }
}
