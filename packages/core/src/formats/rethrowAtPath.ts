import { InvalidValueError } from '../errors/InvalidValueError.js';

/**
 * Runs `build` and, when it throws an `InvalidValueError`, rewrites the error's path with
 * `rename` (e.g. `.logprob` -> `.prob` for a format whose field has another name).
 */
export function rethrowAtPath<T>(build: () => T, rename: (path: string) => string): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    const prefix = `invalid value at ${error.path}: `;
    const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new InvalidValueError(rename(error.path), detail);
  }
}
