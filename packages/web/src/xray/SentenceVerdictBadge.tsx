import type { SentenceGate } from '@tokenscope/core';
import { type GateThresholds, verdictDisplay } from './sentenceVerdict.js';

/** Core's gate verdict on a sentence, coloured, with the gate's reason as its tooltip. */
export function SentenceVerdictBadge({
  sentence,
  thresholds,
}: {
  sentence: Pick<SentenceGate, 'verdict' | 'meanLogprob' | 'reason'>;
  thresholds?: GateThresholds;
}) {
  const { tone, label } = verdictDisplay(sentence, thresholds);
  return (
    <span class={`xr-verdict xr-v-${tone}`} title={sentence.reason} data-verdict={sentence.verdict}>
      {label}
    </span>
  );
}
