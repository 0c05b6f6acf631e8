/**
 * Where `findFactSpans` gets names of people, organisations, places and events from. Names need a
 * natural-language model (`findNames`, a few hundred kB), so the pure core does not load one by
 * itself: `import '@tokenscope/core/names'` installs it (the CLI, the server and the web app do), and
 * `useNameFinder` installs another one, or none.
 */
import type { FactSpan } from './findFactSpans.js';

/** Finds names in a text: kind (person, organization, place, event, name) and character range. */
export type NameFinder = (text: string) => FactSpan[];

let installed: NameFinder | undefined;

/** Installs the name finder every later analysis uses (undefined: find no names). */
export function useNameFinder(finder: NameFinder | undefined): void {
  installed = finder;
}

/** The installed name finder, if any. */
export function currentNameFinder(): NameFinder | undefined {
  return installed;
}
