import { InvalidValueError } from '../errors/InvalidValueError.js';
import { renamingRecorded } from './lenientValues.js';

/**
 * Runs `build` and, when it throws an `InvalidValueError`, rewrites the error's path with
 * `rename` (e.g. `.logprob` -> `.prob` for a format whose field has another name). Problems a lenient
 * parse records meanwhile (`reportImplausible`) get the same rewriting.
 */
export function rethrowAtPath<T>(build: () => T, rename: (path: string) => string): T {
  try {
    return renamingRecorded(rename, build);
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    const prefix = `invalid value at ${error.path}: `;
    const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new InvalidValueError(rename(error.path), detail);
  }
}
