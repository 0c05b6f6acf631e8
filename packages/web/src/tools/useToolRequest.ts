import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** One request of a tool view at a time: its result, its error, whether it runs; a new one aborts the old. */
export function useToolRequest<T>(): {
  result: T | null;
  error: string | null;
  busy: boolean;
  run: (call: (signal: AbortSignal) => Promise<T>) => Promise<T | null>;
  clear: () => void;
} {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);
  const run = useCallback(async (call: (signal: AbortSignal) => Promise<T>) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setBusy(true);
    setError(null);
    try {
      const value = await call(controller.signal);
      if (controller.signal.aborted) return null;
      setResult(value);
      return value;
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      return null;
    } finally {
      if (current.current === controller) setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setResult(null);
    setError(null);
  }, []);
  return { result, error, busy, run, clear };
}
