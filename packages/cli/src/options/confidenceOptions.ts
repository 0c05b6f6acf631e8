/** `--confidence logprobs|consistency|both` and `--samples N`: which signal a command's confidence comes from. */
import {
  CONFIDENCE_SIGNALS,
  type ConfidenceSignal,
  DEFAULT_SAMPLES,
  MAX_SAMPLES,
  MIN_SAMPLES,
} from '@tokenscope/core';
import { type Command, InvalidArgumentError, Option } from 'commander';

export interface ConfidenceOptions {
  confidence: ConfidenceSignal;
  samples: number;
}

/** `--samples`: an integer from 2 to 50. */
export function parseSamples(text: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < MIN_SAMPLES || value > MAX_SAMPLES) {
    throw new InvalidArgumentError(
      `Expected an integer from ${MIN_SAMPLES} to ${MAX_SAMPLES} (answers to sample and compare), got ${JSON.stringify(text)}.`,
    );
  }
  return value;
}

/** Adds `--confidence` and `--samples`. */
export function addConfidenceOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--confidence <signal>',
        'where confidence comes from: token logprobs (falling back to sampling consistency when the endpoint refuses or ignores them), the agreement of sampled answers, or both side by side',
      )
        .choices(CONFIDENCE_SIGNALS)
        .default('logprobs'),
    )
    .addOption(
      new Option(
        '--samples <n>',
        `answers sampled for sampling consistency (${MIN_SAMPLES}-${MAX_SAMPLES}), at the request's temperature but at least 0.7`,
      )
        .argParser(parseSamples)
        .default(DEFAULT_SAMPLES),
    );
}
