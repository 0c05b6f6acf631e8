import type { Analysis, LogprobResponse, Thresholds } from '@tokenscope/core';
import { analyzeCompletion } from '@tokenscope/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** The analysis, or why there is none. */
export type AnalysisState = { analysis: Analysis; error: null } | { analysis: null; error: string };

/**
 * Analyses completion `index` of the response. While streaming, the analysis catches up with the
 * arriving tokens at most once per animation frame (however fast tokens come, each frame analyses
 * and renders once); otherwise it is immediate. Memoised on the response, the token count and the
 * thresholds, so a response that grows in place is seen too.
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
  const pending = useRef(0);
  useEffect(() => {
    if (!streaming || frameCount === count || pending.current) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = 0;
      setFrameCount(latest.current);
    });
  });
  useEffect(() => () => cancelAnimationFrame(pending.current), []);
  const shown = streaming ? Math.min(frameCount, count) : count;
  return useMemo((): AnalysisState => {
    if (!completion) {
      const n = response.completions.length;
      return { analysis: null, error: `This response has no answer #${index} (it has ${n}).` };
    }
    const source: Parameters<typeof analyzeCompletion>[1] = { format: response.format };
    if (response.model !== undefined) source.model = response.model;
    if (response.id !== undefined) source.id = response.id;
    const part =
      shown === completion.tokens.length
        ? completion
        : { ...completion, tokens: completion.tokens.slice(0, shown), text: '' };
    try {
      return { analysis: analyzeCompletion(part, source, thresholds), error: null };
    } catch (e) {
      return { analysis: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [response, completion, shown, thresholds]);
}
