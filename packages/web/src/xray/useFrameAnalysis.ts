import type { Analysis, LogprobResponse, Thresholds } from '@tokenscope/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type GrowingCache, growingAnalysis } from './growingAnalysis.js';

/** The analysis, or why there is none. */
export type AnalysisState = { analysis: Analysis; error: null } | { analysis: null; error: string };

/** While streaming, the analysis (and so the X-ray) catches up with the tokens at most this often. */
export const STREAM_ANALYSIS_MS = 100;

/**
 * Analyses completion `index` of the response. While streaming, the analysis catches up with the
 * arriving tokens at most once per animation frame and per STREAM_ANALYSIS_MS (however fast tokens
 * come), and incrementally: the tokens already analysed keep their analyses (see growingAnalysis), so
 * an update costs the new tokens plus the whole-text passes. Otherwise it is immediate. Memoised on
 * the shown tokens and the thresholds, so a response that grows in place is seen too.
 */
export function useFrameAnalysis(
  response: LogprobResponse,
  index: number,
  thresholds: Thresholds,
  streaming: boolean,
): AnalysisState {
  const completion = response.completions[index];
  const count = completion?.tokens.length ?? 0;
  const [frameCount, setFrameCount] = useState(count);
  const latest = useRef(count);
  latest.current = count;
  const pending = useRef<{ timer: ReturnType<typeof setTimeout> | undefined; frame: number }>({
    timer: undefined,
    frame: 0,
  });
  const lastAt = useRef(0);
  const cache = useRef<GrowingCache | null>(null);
  useEffect(() => {
    const p = pending.current;
    if (!streaming || frameCount === count || p.timer !== undefined || p.frame) return;
    const wait = Math.max(0, STREAM_ANALYSIS_MS - (performance.now() - lastAt.current));
    p.timer = setTimeout(() => {
      p.frame = requestAnimationFrame(() => {
        p.timer = undefined;
        p.frame = 0;
        lastAt.current = performance.now();
        setFrameCount(latest.current);
      });
    }, wait);
  });
  useEffect(
    () => () => {
      clearTimeout(pending.current.timer);
      cancelAnimationFrame(pending.current.frame);
    },
    [],
  );
  const shown = streaming ? Math.min(frameCount, count) : count;
  // While streaming, a new response object with the same first `shown` tokens (the shell builds one per
  // update) gives the same analysis: memoise on the last shown token, not on the response.
  const key = streaming ? completion?.tokens[shown - 1] : completion;
  return useMemo((): AnalysisState => {
    if (!completion) {
      const n = response.completions.length;
      return { analysis: null, error: `This response has no answer #${index} (it has ${n}).` };
    }
    const source: Parameters<typeof growingAnalysis>[1] = { format: response.format };
    if (response.model !== undefined) source.model = response.model;
    if (response.id !== undefined) source.id = response.id;
    const part =
      shown === completion.tokens.length
        ? completion
        : { ...completion, tokens: completion.tokens.slice(0, shown), text: '' };
    try {
      const next = growingAnalysis(part, source, thresholds, cache.current);
      cache.current = next.cache;
      return { analysis: next.analysis, error: null };
    } catch (e) {
      return { analysis: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [
    key,
    completion === undefined,
    shown,
    thresholds,
    streaming,
    index,
    response.format,
    response.model,
    response.id,
  ]);
}
