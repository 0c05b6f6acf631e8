import { type ConsistencyAnalysis, formatProbability, gateConsistency } from '@tokenscope/core';
import type { CliIo } from '../io/CliIo.js';
import { EXIT_GATE_FAILED, type ReportOptions } from '../options/reportOptions.js';

/**
 * `--fail-on-flag` / `--fail-below` on a consistency result, as they apply to tokens: `--fail-on-flag`
 * fails when `gateConsistency` asks for review (a sentence carried by fewer than 80 % of the samples),
 * `--fail-below p` when a sentence's agreement is below p. Says why on stderr and exits 2.
 */
export function applyConsistencyGate(
  consistency: ConsistencyAnalysis,
  options: Pick<ReportOptions, 'failOnFlag' | 'failBelow'>,
  context: { io: CliIo; setExitCode: (code: number) => void },
): void {
  const failures: string[] = [];
  if (options.failOnFlag === true) {
    const gated = gateConsistency(consistency);
    if (gated.verdict === 'review') failures.push(`sampling consistency: ${gated.reason}`);
  }
  if (options.failBelow !== undefined && consistency.minAgreement < options.failBelow) {
    failures.push(
      `sampling agreement ${formatProbability(consistency.minAgreement)} is below ${formatProbability(options.failBelow)}`,
    );
  }
  if (failures.length > 0) {
    context.io.stderr.write(`tokenscope: gate failed: ${failures.join('; ')}\n`);
    context.setExitCode(EXIT_GATE_FAILED);
  }
}
