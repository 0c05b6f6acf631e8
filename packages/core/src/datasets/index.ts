/** Dataset reports: a `DatasetSummary` (from the run store) as terminal text, HTML or JSON. */
export {
  describeFilter,
  describeThresholds,
  groupByName,
  groupLabel,
  SUMMARY_ROWS,
  type SummaryRow,
  summaryColumns,
} from './datasetSummaryTable.js';
export { type DatasetSummaryHtmlOptions, renderDatasetSummaryHtml } from './renderDatasetSummaryHtml.js';
export {
  type DatasetSummaryDocument,
  renderDatasetSummaryJson,
  toDatasetSummaryDocument,
} from './renderDatasetSummaryJson.js';
export { type DatasetSummaryTextOptions, renderDatasetSummaryText } from './renderDatasetSummaryText.js';
