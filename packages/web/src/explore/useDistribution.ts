import type { NextTokenDistribution, TokenAnalysis } from '@tokenscope/core';
import { useEffect, useRef, useState } from 'preact/hooks';

/** How many alternatives to ask a local engine for first (the whole vocabulary on request). */
export const FIRST_REQUEST = 1000;

export interface DistributionState {
  distribution: NextTokenDistribution;
  loading: boolean;
  /** Why the engine's distribution could not be loaded (the stored top-k is shown instead). */
  error: string | null;
  /** Ask for the whole vocabulary (when the loader can). */
  loadAll: (() => void) | null;
}

/** The stored top-k of a token as a distribution (what the explorer shows without an engine). */
export function storedDistribution(
  token: TokenAnalysis,
  distribution: NextTokenDistribution['distribution'],
): NextTokenDistribution {
  let covered = 0;
  for (const a of token.top) if (a.logprob !== null) covered += Math.exp(a.logprob);
  return {
    position: token.index,
    alternatives: token.top.map(({ prob: _prob, ...alt }) => alt),
    coveredMass: Math.min(1, covered),
    source: 'stored',
    distribution,
  };
}

/**
 * The next-token distribution before `token`: the stored top-k at once, replaced by the engine's
 * (first FIRST_REQUEST tokens, the whole vocabulary on `loadAll`) when a loader is given.
 */
export function useDistribution(
  token: TokenAnalysis,
  kind: NextTokenDistribution['distribution'],
  load?: (position: number, top: number | 'all') => Promise<NextTokenDistribution>,
): DistributionState {
  const [top, setTop] = useState<number | 'all'>(FIRST_REQUEST);
  const [state, setState] = useState<{
    key: string;
    dist: NextTokenDistribution | null;
    error: string | null;
  }>({
    key: '',
    dist: null,
    error: null,
  });
  const key = `${token.index}:${top}`;
  // The loader is read through a ref: a shell that passes a new function on every render must not
  // trigger a new request each time.
  const loader = useRef(load);
  loader.current = load;
  const hasLoader = !!load;
  useEffect(() => {
    const current = loader.current;
    if (!current) return;
    let live = true;
    current(token.index, top).then(
      (dist) => live && setState({ key, dist, error: null }),
      (e: unknown) =>
        live && setState({ key, dist: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [key, hasLoader]);
  const fresh = state.key === key ? state : null;
  const previous = state.dist && state.dist.position === token.index ? state.dist : null;
  const dist = fresh?.dist ?? previous ?? storedDistribution(token, kind);
  const canLoadAll =
    !!load &&
    top !== 'all' &&
    dist.source === 'engine' &&
    (dist.vocabSize ?? Infinity) > dist.alternatives.length;
  return {
    distribution: dist,
    loading: !!load && fresh === null,
    error: fresh?.error ?? null,
    loadAll: canLoadAll ? () => setTop('all') : null,
  };
}
