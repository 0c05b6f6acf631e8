/**
 * A dataset summary as a stable JSON document: `version` and `kind` first, then the summary's fields
 * as `RunStore.datasetSummary` returns them (natural-log logprobs, rates in 0..1, counts), then the
 * disclaimer. A new field is added without changing `version`; a changed or removed one bumps it.
 */
import { DISCLAIMER } from '../render/legend.js';
import type { DatasetSummary } from '../runs/Dataset.js';

/** The document `renderDatasetSummaryJson` writes. */
export interface DatasetSummaryDocument extends DatasetSummary {
  version: 1;
  kind: 'tokenscope-dataset-summary';
  disclaimer: string;
}

export function toDatasetSummaryDocument(summary: DatasetSummary): DatasetSummaryDocument {
  return { version: 1, kind: 'tokenscope-dataset-summary', ...summary, disclaimer: DISCLAIMER };
}

export function renderDatasetSummaryJson(
  summary: DatasetSummary,
  options: { pretty?: boolean } = {},
): string {
  return `${JSON.stringify(toDatasetSummaryDocument(summary), null, options.pretty === true ? 2 : undefined)}\n`;
}
