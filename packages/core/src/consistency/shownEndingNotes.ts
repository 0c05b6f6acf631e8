import type { Ending } from '../analysis/Analysis.js';
import { endingOf } from '../analysis/endingOf.js';
import { type EndingNote, endingNotes } from '../render/xray/endingNotes.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';

type Shown = Pick<ConsistencyAnalysis, 'samples' | 'chosen' | 'text'>;

/** How the shown sample ended, as a token report's `ending` says it. */
export function shownEnding(analysis: Shown): Ending {
  const finishReason = analysis.samples[analysis.chosen]?.finishReason;
  return endingOf(
    finishReason === undefined ? { text: analysis.text } : { text: analysis.text, finishReason },
  );
}

/**
 * What every view says about how the shown sample ended (`endingNotes`): a sample cut off by the
 * token limit is an incomplete answer, whatever the samples agree on.
 */
export function shownEndingNotes(analysis: Shown): EndingNote[] {
  return endingNotes({ ending: shownEnding(analysis) });
}
