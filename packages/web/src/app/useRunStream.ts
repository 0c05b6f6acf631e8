import type {
  Distribution,
  FormatId,
  LogprobResponse,
  RunRecord,
  RunStreamEvent,
  Token,
} from '@tokenscope/core';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ResponseBuilder } from '../compose/ResponseBuilder';

/** Least time between two updates of a streaming X-ray. */
const UPDATE_MS = 100;

/** A generation or branch in progress (or just ended with an error or a stop). */
export interface RunStream {
  kind: 'generate' | 'branch';
  /** What is being made, for the heading ("stories260K.gguf", "Branch of …"). */
  label: string;
  response: LogprobResponse;
  streaming: boolean;
  error?: string;
  stopped?: boolean;
  /** Sampling consistency in progress: answers in so far, and the refusal when it is the fallback. */
  sampling?: SamplingProgress;
}

/** Where sampling consistency stands (`sampling` and `sample` events). */
export interface SamplingProgress {
  samples: number;
  done: number;
  temperature: number;
  /** The endpoint's refusal of logprobs, when sampling replaces them. */
  fallback?: string;
}

/** What the app learns from a finished stream besides the saved run. */
export interface StreamOutcome {
  /** The endpoint refused or ignored logprobs: the run was made by sampling instead. */
  fallback?: string;
}

export interface StartStream {
  kind: RunStream['kind'];
  label: string;
  distribution?: Distribution;
  format?: FormatId;
  prefix?: Token[];
  /** Calls the API; gets the event callback and the abort signal; resolves with the saved run. */
  run: (onEvent: (event: RunStreamEvent) => void, signal: AbortSignal) => Promise<RunRecord>;
  onDone: (run: RunRecord, outcome: StreamOutcome) => void;
}

/**
 * Runs one stream at a time: builds the response from its token events and shows it at most once per
 * animation frame; `stop()` aborts it (the partial answer stays on screen, not saved).
 */
export function useRunStream() {
  const [stream, setStream] = useState<RunStream | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const stop = useCallback(() => abortRef.current?.abort(), []);
  const dismiss = useCallback(() => {
    abortRef.current?.abort();
    setStream(null);
  }, []);

  const start = useCallback(async (request: StartStream) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const newBuilder = () =>
      new ResponseBuilder({
        ...(request.distribution ? { distribution: request.distribution } : {}),
        ...(request.format ? { format: request.format } : {}),
        ...(request.prefix ? { prefix: request.prefix } : {}),
      });
    let builder = newBuilder();
    let outcome: StreamOutcome = {};
    const base = { kind: request.kind, label: request.label };
    setStream({ ...base, response: builder.snapshot(), streaming: true });
    // At most one update per frame and per UPDATE_MS: a fast local model sends hundreds of tokens a
    // second, and each update re-renders the X-ray.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const flush = () => {
      timer = undefined;
      last = performance.now();
      setStream((s) => (s && abortRef.current === controller ? { ...s, response: builder.snapshot() } : s));
    };
    const schedule = () => {
      if (timer !== undefined) return;
      const wait = Math.max(0, UPDATE_MS - (performance.now() - last));
      timer = setTimeout(() => requestAnimationFrame(flush), wait);
    };
    const cancel = () => clearTimeout(timer);
    try {
      const run = await request.run((event) => {
        if (event.type === 'sampling') {
          const sampling: SamplingProgress = {
            samples: event.samples,
            done: 0,
            temperature: event.temperature,
            ...(event.fallback === undefined ? {} : { fallback: event.fallback }),
          };
          if (event.fallback !== undefined) {
            // Tokens streamed before the refusal are not part of the run.
            outcome = { fallback: event.fallback };
            const model = builder.snapshot().model;
            builder = newBuilder();
            if (model !== undefined) builder.apply({ type: 'start', model });
          }
          setStream((s) =>
            s && abortRef.current === controller ? { ...s, response: builder.snapshot(), sampling } : s,
          );
        } else if (event.type === 'sample') {
          setStream((s) =>
            s?.sampling && abortRef.current === controller
              ? { ...s, sampling: { ...s.sampling, done: event.done } }
              : s,
          );
        } else if (builder.apply(event)) schedule();
      }, controller.signal);
      cancel();
      if (abortRef.current !== controller) return;
      abortRef.current = null;
      setStream(null);
      request.onDone(run, outcome);
    } catch (error) {
      cancel();
      if (abortRef.current !== controller) return;
      abortRef.current = null;
      const stopped = controller.signal.aborted;
      setStream((s) => ({
        ...base,
        response: builder.snapshot(),
        streaming: false,
        ...(s?.sampling ? { sampling: s.sampling } : {}),
        ...(stopped ? { stopped: true } : { error: error instanceof Error ? error.message : String(error) }),
      }));
    }
  }, []);

  useEffect(() => () => abortRef.current?.abort(), []);
  return { stream, start, stop, dismiss };
}
