/** The app's views, addressed by the URL hash so reload and back/forward work. */
export type Route =
  | { name: 'home' }
  | { name: 'run'; id: string }
  | { name: 'compare'; a: string; b: string }
  | { name: 'review' }
  | { name: 'calibrate' }
  /** The tool views: classify, rerank and score text. */
  | { name: 'classify' }
  | { name: 'rerank' }
  | { name: 'score' }
  | { name: 'not-found'; hash: string };

/**
 * `#/run/ID` -> run, `#/compare/A/B` -> compare, `#/review` -> the review queue, `#/calibrate` ->
 * calibration, `#/classify`, `#/rerank`, `#/score` -> the tools, `''`/`#`/`#/` -> home, anything else
 * -> not-found.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { name: 'home' };
  const parts = path.split('/').map(decodePart);
  if (parts.some((p) => p === null || p === '')) return { name: 'not-found', hash };
  const [head, ...rest] = parts as string[];
  if (head === 'run' && rest.length === 1) return { name: 'run', id: rest[0]! };
  if (head === 'compare' && rest.length === 2) return { name: 'compare', a: rest[0]!, b: rest[1]! };
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
      return `#/compare/${encodeURIComponent(route.a)}/${encodeURIComponent(route.b)}`;
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
