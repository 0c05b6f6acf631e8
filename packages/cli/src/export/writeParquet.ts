import { open } from 'node:fs/promises';
import type { DatasetExportRow } from '@tokenscope/core';
import { parquetWriteRows, type SchemaElement } from 'hyparquet-writer';
import { DATASET_EXPORT_COLUMNS, type DatasetExportColumn } from './datasetExportColumns.js';
import { FileHandleWriter } from './FileHandleWriter.js';

/** Rows per row group: the most rows (and their encoded bytes) held in memory at once. */
export const PARQUET_ROW_GROUP_ROWS = 10_000;

/**
 * Streams rows to `path` as Parquet (snappy-compressed, one row group per 10,000 rows): strings
 * as UTF-8 strings, counts as INT64, scores as DOUBLE, `correct` as BOOLEAN, tags as a list of
 * strings; the columns whose field may be null are OPTIONAL, the others REQUIRED. The next rows
 * are pulled only after the previous row group is on disk, so memory stays bounded by a row group.
 */
export async function writeParquet(rows: AsyncIterable<DatasetExportRow>, path: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await parquetWriteRows({
      writer: new FileHandleWriter(handle),
      rows: records(rows),
      columns: DATASET_EXPORT_COLUMNS.map((column) => ({ name: column.name })),
      schema: [
        { name: 'root', num_children: DATASET_EXPORT_COLUMNS.length },
        ...DATASET_EXPORT_COLUMNS.flatMap(schemaElements),
      ],
      rowGroupSize: PARQUET_ROW_GROUP_ROWS,
      createdBy: 'tokenscope',
    });
  } finally {
    await handle.close();
  }
}

async function* records(rows: AsyncIterable<DatasetExportRow>): AsyncGenerator<Record<string, unknown>> {
  for await (const row of rows) {
    const record: Record<string, unknown> = {};
    for (const column of DATASET_EXPORT_COLUMNS) {
      const value = row[column.key];
      // INT64 columns take bigints.
      record[column.name] = column.kind === 'integer' && typeof value === 'number' ? BigInt(value) : value;
    }
    yield record;
  }
}

/** A UTF-8 string: the converted type for older readers, the logical type for newer ones. */
const UTF8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } } as const;

function schemaElements(column: DatasetExportColumn): SchemaElement[] {
  const { name } = column;
  const repetition_type = column.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (column.kind) {
    case 'string':
      return [{ name, repetition_type, ...UTF8 }];
    case 'strings':
      // The standard three-level list: <name> (LIST) > list (repeated) > element.
      return [
        { name, repetition_type, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'REQUIRED', ...UTF8 },
      ];
    case 'integer':
      return [{ name, repetition_type, type: 'INT64' }];
    case 'double':
      return [{ name, repetition_type, type: 'DOUBLE' }];
    case 'boolean':
      return [{ name, repetition_type, type: 'BOOLEAN' }];
  }
}
