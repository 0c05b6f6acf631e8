import { InvalidValueError } from '../errors/InvalidValueError.js';
import type { Implausibility } from './implausibleLogprobs.js';

/** Receives the problems a lenient parse lets through, with the path they were found at. */
export type Recorder = (path: string, problem: Implausibility) => void;

/**
 * The recorder of the lenient parse running now, if any. Parsing is synchronous, so the parse that
 * set it is the one whose tokens are being built (see `leniently`).
 */
let recorder: Recorder | undefined;

/**
 * Reports values that cannot be right (see `implausibleLogprobs`): an `InvalidValueError` at `path`,
 * unless a lenient parse is running (`leniently`), which records the problem and goes on.
 */
export function reportImplausible(path: string, problem: Implausibility): void {
  if (recorder === undefined) throw new InvalidValueError(path, problem.detail);
  recorder(path, problem);
}

/**
 * Runs `parse` with `reportImplausible` recording into `record` instead of throwing; with `record`
 * undefined, strictly (a strict parse inside a lenient one stays strict).
 */
export function leniently<T>(record: Recorder | undefined, parse: () => T): T {
  const outer = recorder;
  recorder = record;
  try {
    return parse();
  } finally {
    recorder = outer;
  }
}

/**
 * Runs `build` with the paths of the problems it records rewritten by `rename`, as `rethrowAtPath`
 * rewrites the path of an error it throws.
 */
export function renamingRecorded<T>(rename: (path: string) => string, build: () => T): T {
  const outer = recorder;
  if (outer === undefined) return build();
  return leniently((path, problem) => outer(rename(path), problem), build);
}

/**
 * Collects what a lenient parse let through as warnings, one per kind of problem: the first one with
 * its path, and how many positions more have it.
 */
export function createWarningLog(): { record: Recorder; warnings(): string[] } {
  const kinds = new Map<Implausibility['field'], { first: string; more: number }>();
  return {
    record: (path, problem) => {
      const seen = kinds.get(problem.field);
      if (seen) seen.more++;
      else kinds.set(problem.field, { first: `invalid value at ${path}: ${problem.detail}`, more: 0 });
    },
    warnings: () =>
      [...kinds.values()].map(
        ({ first, more }) =>
          `${first}${more === 0 ? '' : ` (and ${more} more position${more === 1 ? '' : 's'} like it)`}; analysed anyway (lenient)`,
      ),
  };
}
