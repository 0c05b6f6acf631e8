import {
  type DatasetQuery,
  renderDatasetSummaryHtml,
  renderDatasetSummaryJson,
  renderDatasetSummaryText,
} from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import type { CliIo } from '../io/CliIo.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/** A dataset summary (aggregated by the store) as text, JSON or HTML, to stdout or atomically to a file (`report`, `batch`). */
export async function writeDatasetSummary(
  store: RunStore,
  query: DatasetQuery,
  format: 'text' | 'json' | 'html',
  io: CliIo,
  output?: string,
): Promise<void> {
  const summary = await store.datasetSummary(query);
  const text =
    format === 'json'
      ? renderDatasetSummaryJson(summary, { pretty: true })
      : format === 'html'
        ? renderDatasetSummaryHtml(summary)
        : renderDatasetSummaryText(summary, {
            width: output === undefined ? (io.stdout.columns ?? 100) : 100,
          });
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output === undefined) io.stdout.write(body);
  else await writeFileAtomic(output, body);
}
