import { rename, rm, stat } from 'node:fs/promises';
import type { DatasetExportRow } from '@tokenscope/core';
import { FileAccessError } from '../errors/FileAccessError.js';
import { writeCsv } from './writeCsv.js';
import { writeJsonLines } from './writeJsonLines.js';
import { writeParquet } from './writeParquet.js';

/** The file formats of `tokenscope export`. */
export type DatasetExportFormat = 'csv' | 'jsonl' | 'parquet';

type FormatWriter = (rows: AsyncIterable<DatasetExportRow>, path: string) => Promise<void>;

const WRITERS: Record<DatasetExportFormat, FormatWriter> = {
  csv: writeCsv,
  jsonl: writeJsonLines,
  parquet: writeParquet,
};

/**
 * Writes a dataset export to `file`, streaming: rows are pulled from `rows` as the file takes them,
 * never all held in memory. The data goes to `file + '.partial'`, renamed to `file` once complete;
 * when anything fails (the source, the disk) the partial file is removed, `file` is left as it was
 * and the error is thrown: a file-system error as a `FileAccessError` naming `file`, an error of
 * the source as it came.
 */
export async function writeDatasetExport(
  rows: AsyncIterable<DatasetExportRow>,
  format: DatasetExportFormat,
  file: string,
): Promise<{ rows: number; bytes: number }> {
  const partial = `${file}.partial`;
  let count = 0;
  async function* counted(): AsyncGenerator<DatasetExportRow> {
    for await (const row of rows) {
      count++;
      yield row;
    }
  }
  try {
    await WRITERS[format](counted(), partial);
    const { size } = await stat(partial);
    await rename(partial, file);
    return { rows: count, bytes: size };
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw isFileSystemError(error) ? new FileAccessError('write', file, error) : error;
  }
}

/** Node's system errors (ENOENT, EACCES, ENOSPC...) carry the failing call's name. */
function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { syscall?: unknown }).syscall === 'string';
}
