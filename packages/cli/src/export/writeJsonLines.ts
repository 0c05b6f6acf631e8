import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DatasetExportRow } from '@tokenscope/core';
import { DATASET_EXPORT_COLUMNS } from './datasetExportColumns.js';

/**
 * Streams rows to `path` as JSON lines: one object per line with the snake_case column names, tags
 * as an array of strings, null as null. The pipeline respects backpressure.
 */
export async function writeJsonLines(rows: AsyncIterable<DatasetExportRow>, path: string): Promise<void> {
  await pipeline(Readable.from(lines(rows)), createWriteStream(path));
}

async function* lines(rows: AsyncIterable<DatasetExportRow>): AsyncGenerator<string> {
  for await (const row of rows) {
    const record: Record<string, unknown> = {};
    for (const column of DATASET_EXPORT_COLUMNS) record[column.name] = row[column.key];
    yield `${JSON.stringify(record)}\n`;
  }
}
