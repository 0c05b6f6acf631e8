/** The fewest and the most runs a comparison shows. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 8;

/** The app's views, addressed by the URL hash so reload and back/forward work. */
export type Route =
  | { name: 'home' }
  | { name: 'run'; id: string }
  /** 2 to 8 runs side by side, in this order (`COMPARE_MIN`..`COMPARE_MAX`). */
  | { name: 'compare'; ids: string[] }
  | { name: 'review' }
  | { name: 'calibrate' }
  /** Many runs compared: `query` is the view's state (`datasets/datasetQuery`), without the `?`. */
  | { name: 'datasets'; query: string }
  /** The tool views: classify, rerank and score text. */
  | { name: 'classify' }
  | { name: 'rerank' }
  | { name: 'score' }
  | { name: 'not-found'; hash: string };

/**
 * `#/run/ID` -> run, `#/compare/A/B[/C...]` (2-8 ids) -> compare, `#/review` -> the review queue, `#/calibrate` ->
 * calibration, `#/datasets?QUERY` -> datasets, `#/classify`, `#/rerank`, `#/score` -> the tools,
 * `''`/`#`/`#/` -> home, anything else -> not-found. Only the datasets view takes a `?query` (ids
 * are escaped, so a `?` never belongs to one).
 */
export function parseRoute(hash: string): Route {
  const full = hash.replace(/^#/, '');
  const at = full.indexOf('?');
  const path = (at < 0 ? full : full.slice(0, at)).replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === 'datasets') return { name: 'datasets', query: at < 0 ? '' : full.slice(at + 1) };
  if (at >= 0) return { name: 'not-found', hash };
  if (path === '') return { name: 'home' };
  const parts = path.split('/').map(decodePart);
  if (parts.some((p) => p === null || p === '')) return { name: 'not-found', hash };
  const [head, ...rest] = parts as string[];
  if (head === 'run' && rest.length === 1) return { name: 'run', id: rest[0]! };
  if (head === 'compare' && rest.length >= COMPARE_MIN && rest.length <= COMPARE_MAX)
    return { name: 'compare', ids: rest };
  if ((head === 'review' || head === 'calibrate') && rest.length === 0) return { name: head };
  if ((head === 'classify' || head === 'rerank' || head === 'score') && rest.length === 0)
    return { name: head };
  return { name: 'not-found', hash };
}

/** The hash of a route (`#/` for home). */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'run':
      return `#/run/${encodeURIComponent(route.id)}`;
    case 'compare':
      return `#/compare/${route.ids.map(encodeURIComponent).join('/')}`;
    case 'datasets':
      return `#/datasets${route.query ? `?${route.query}` : ''}`;
    case 'review':
    case 'calibrate':
    case 'classify':
    case 'rerank':
    case 'score':
      return `#/${route.name}`;
    case 'not-found':
      return route.hash;
  }
}

function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
