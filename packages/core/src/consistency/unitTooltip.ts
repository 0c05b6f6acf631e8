import { formatProbability } from '../render/formatProbability.js';
import type { AgreementUnit, ConsistencyAnalysis, FactAgreement } from './ConsistencyAnalysis.js';
import { supportSentence } from './consistencyLabel.js';
import { sampleVersions } from './sampleVersions.js';

/** What every consistency view shows on hover or focus of a sentence or fact. */
export interface UnitTooltip {
  /** `sentence`, `answer` (short mode's whole answer) or the fact's kind (`date`, `number`, ...). */
  what: string;
  text: string;
  /** `carried by 3 of 5 samples (60.0 %)`. */
  support: string;
  /** The other samples' versions: 1-based sample number, whether it carries the unit, its text. */
  versions: Array<{ sample: number; carries: boolean; text: string }>;
}

/** The tooltip of a sentence or fact of a consistency result (the HTML report's and the web app's). */
export function unitTooltip(analysis: ConsistencyAnalysis, unit: AgreementUnit | FactAgreement): UnitTooltip {
  const isFact = 'kind' in unit;
  return {
    what: isFact ? unit.kind : analysis.mode === 'short' ? 'answer' : 'sentence',
    text: unit.text,
    support: `${supportSentence(unit, analysis, isFact ? 'fact' : 'sentence')} (${formatProbability(unit.agreement)})`,
    versions: sampleVersions(analysis, unit).map((v) => ({
      sample: v.sample + 1,
      carries: v.carries,
      text: v.text,
    })),
  };
}
