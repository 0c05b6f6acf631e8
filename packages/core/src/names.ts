/**
 * `@tokenscope/core/names`: importing this entry makes every later analysis find names of people,
 * organisations, places and events with compromise (see `findNames`). It is a separate entry because
 * compromise adds about 350 kB to a browser bundle and 3.6 MB to an install: `analyze` alone stays
 * small and finds every other kind of fact. Install `compromise` beside @tokenscope/core to use it.
 */
import { findNames } from './analysis/findNames.js';
import { useNameFinder } from './analysis/nameFinder.js';

useNameFinder(findNames);

export { findNames };
