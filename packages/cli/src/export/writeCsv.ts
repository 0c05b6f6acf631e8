import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DatasetExportRow } from '@tokenscope/core';
import { stringify } from 'csv-stringify';
import { DATASET_EXPORT_COLUMNS } from './datasetExportColumns.js';

/**
 * Streams rows to `path` as CSV: a header row of snake_case column names, then one record per row.
 * Quoting as RFC 4180 (a cell with a comma, a quote or a line break is quoted, quotes doubled);
 * records end with "\n"; null is an empty cell; booleans are `true`/`false`; tags are joined with
 * "|". The pipeline respects backpressure: rows are pulled only as fast as the file takes them.
 */
export async function writeCsv(rows: AsyncIterable<DatasetExportRow>, path: string): Promise<void> {
  await pipeline(
    Readable.from(cells(rows)),
    stringify({ header: true, columns: DATASET_EXPORT_COLUMNS.map((column) => column.name) }),
    createWriteStream(path),
  );
}

async function* cells(rows: AsyncIterable<DatasetExportRow>): AsyncGenerator<(string | number | null)[]> {
  for await (const row of rows) {
    yield DATASET_EXPORT_COLUMNS.map((column) => {
      const value = row[column.key];
      if (Array.isArray(value)) return value.join('|');
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      return value;
    });
  }
}
