import type { Analysis } from '../../analysis/Analysis.js';

/** One note about how the answer ended: a heading word and the sentence after it. */
export interface EndingNote {
  kind: 'cut-off' | 'incomplete' | 'filtered';
  /** `Cut off`, `Incomplete`, `Filtered`. */
  title: string;
  text: string;
}

/**
 * What every view says about how the answer ended (`Analysis.ending`), most important first: cut off
 * by the token limit, incomplete under its constraint, stopped by a content filter. Empty for an
 * answer that ended by itself.
 */
export function endingNotes(analysis: Pick<Analysis, 'ending'>): EndingNote[] {
  const ending = analysis.ending;
  const reason = ending.finishReason === undefined ? '' : ` (finish reason "${ending.finishReason}")`;
  const notes: EndingNote[] = [];
  if (ending.cutOff) {
    notes.push({
      kind: 'cut-off',
      title: 'Cut off',
      text: `generation stopped at the token limit${reason}: the answer is incomplete.`,
    });
  }
  if (ending.constraintIncomplete !== undefined) {
    notes.push({
      kind: 'incomplete',
      title: 'Incomplete',
      text: `the answer does not satisfy its constraint: ${ending.constraintIncomplete}.`,
    });
  }
  if (ending.kind === 'filtered') {
    notes.push({
      kind: 'filtered',
      title: 'Filtered',
      text: `a content filter stopped the answer${reason}.`,
    });
  }
  return notes;
}

/** A note as one line of plain text: `Cut off: generation stopped at …`. */
export function endingNoteLine(note: EndingNote): string {
  return `${note.title}: ${note.text}`;
}
