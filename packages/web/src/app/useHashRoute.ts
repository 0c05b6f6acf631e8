import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route, routeHash } from './route';

/** The route in the URL hash, kept in sync with back/forward. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Goes to a route (a new history entry, so back returns here). */
export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
}
