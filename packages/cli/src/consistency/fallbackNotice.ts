import { consistencyTemperature, type LogprobsUnsupportedError } from '@tokenscope/providers';
import type { Fallback } from './renderConsistency.js';

/**
 * The one stderr line (without `tokenscope: ` and newline) that says logprobs gave way to sampling
 * consistency, and why: what the endpoint said or did.
 */
export function fallbackNotice(
  error: LogprobsUnsupportedError,
  samples: number,
  temperature?: number,
): Fallback & { line: string } {
  const reason = `${error.provider} gave no logprobs for model "${error.model}": ${error.reason}`;
  return {
    reason,
    line: `${reason}; falling back to sampling consistency: ${samples} samples at temperature ${consistencyTemperature(temperature)}, confidence = agreement of the answers`,
  };
}
