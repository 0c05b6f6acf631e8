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
}

export interface StartStream {
  kind: RunStream['kind'];
  label: string;
  distribution?: Distribution;
  format?: FormatId;
  prefix?: Token[];
  /** Calls the API; gets the event callback and the abort signal; resolves with the saved run. */
  run: (onEvent: (event: RunStreamEvent) => void, signal: AbortSignal) => Promise<RunRecord>;
  onDone: (run: RunRecord) => void;
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
    const builder = new ResponseBuilder({
      ...(request.distribution ? { distribution: request.distribution } : {}),
      ...(request.format ? { format: request.format } : {}),
      ...(request.prefix ? { prefix: request.prefix } : {}),
    });
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
        if (builder.apply(event)) schedule();
      }, controller.signal);
      cancel();
      if (abortRef.current !== controller) return;
      abortRef.current = null;
      setStream(null);
      request.onDone(run);
    } catch (error) {
      cancel();
      if (abortRef.current !== controller) return;
      abortRef.current = null;
      const stopped = controller.signal.aborted;
      setStream({
        ...base,
        response: builder.snapshot(),
        streaming: false,
        ...(stopped ? { stopped: true } : { error: error instanceof Error ? error.message : String(error) }),
      });
    }
  }, []);

  useEffect(() => () => abortRef.current?.abort(), []);
  return { stream, start, stop, dismiss };
}
