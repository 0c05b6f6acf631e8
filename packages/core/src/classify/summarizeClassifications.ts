import type { Classification } from './Classification.js';

/** A batch row's outcome: its classification and, when the row had one, the gold label. */
export interface ClassifiedRow {
  classification: Classification;
  gold?: string;
}

/** Totals over a batch. Accuracy counts rows with a gold label; abstentions are neither right nor wrong. */
export interface BatchSummary {
  rows: number;
  abstained: number;
  /** Rows with a gold label. */
  labelled: number;
  /** Labelled rows whose top label equals the gold label (abstentions included). */
  correctTop: number;
  /** `correctTop / labelled` (null without labelled rows). */
  accuracy: number | null;
  /** Labelled rows decided (not abstained). */
  decided: number;
  /** Decided rows whose label equals the gold label. */
  correctDecided: number;
  /** `correctDecided / decided`: the accuracy of what was not routed to a human (null when none). */
  decidedAccuracy: number | null;
  /** Labelled rows whose gold label is not one of the labels. */
  unknownGold: number;
}

export function summarizeClassifications(rows: readonly ClassifiedRow[]): BatchSummary {
  let abstained = 0;
  let labelled = 0;
  let correctTop = 0;
  let decided = 0;
  let correctDecided = 0;
  let unknownGold = 0;
  for (const { classification: c, gold } of rows) {
    if (c.abstain) abstained++;
    if (gold === undefined) continue;
    labelled++;
    if (!c.labels.some((l) => l.label === gold)) unknownGold++;
    if (c.top === gold) correctTop++;
    if (!c.abstain) {
      decided++;
      if (c.label === gold) correctDecided++;
    }
  }
  return {
    rows: rows.length,
    abstained,
    labelled,
    correctTop,
    accuracy: labelled === 0 ? null : correctTop / labelled,
    decided,
    correctDecided,
    decidedAccuracy: decided === 0 ? null : correctDecided / decided,
    unknownGold,
  };
}
