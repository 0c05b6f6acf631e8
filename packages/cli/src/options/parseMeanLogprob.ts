import { InvalidArgumentError } from 'commander';

/**
 * A gate threshold: a finite mean token logprob <= 0 (natural log), such as -0.5. Throws commander's
 * `InvalidArgumentError`, so the error names the option.
 */
export function parseMeanLogprob(text: string): number {
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isFinite(value) && value <= 0)) {
    throw new InvalidArgumentError(`Expected a mean logprob <= 0 (natural log), such as -0.5, got ${text}.`);
  }
  return value;
}
