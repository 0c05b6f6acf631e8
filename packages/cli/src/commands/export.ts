/**
 * `tokenscope export --dataset NAME --format csv|jsonl|parquet -o FILE`: every run matching the
 * filter with its scores and review decisions, one row per run, streamed from the store to the file
 * (never all in memory). The file appears complete or not at all.
 */
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { addStoreOptions, openStore, type StoreCliOptions } from '../app/openStore.js';
import { UsageError } from '../errors/UsageError.js';
import { type DatasetExportFormat, writeDatasetExport } from '../export/writeDatasetExport.js';
import type { CliIo } from '../io/CliIo.js';
import { formatSize } from '../io/formatSize.js';
import {
  addRunFilterOptions,
  checkDatasetHasRuns,
  type RunFilterCliOptions,
  runFilter,
} from '../options/runFilterOptions.js';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const satisfies readonly DatasetExportFormat[];

/** The format a file name implies, for `-o` without `--format`. */
const FORMAT_OF_EXTENSION: Record<string, DatasetExportFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
};

interface ExportCliOptions extends RunFilterCliOptions, StoreCliOptions {
  format?: DatasetExportFormat;
  output?: string;
}

export function exportCommand(io: CliIo): Command {
  const command = new Command('export').description(
    'Export runs (a dataset, or any filter of the history) with their scores and reviews as CSV, JSON lines or Parquet.',
  );
  addRunFilterOptions(command)
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension of -o)').choices(
        EXPORT_FORMATS,
      ),
    )
    .option('-o, --output <file>', 'the file to write (required; written completely or not at all)');
  addStoreOptions(command);
  return command.action(async (options: ExportCliOptions) => {
    const file = options.output;
    if (file === undefined) {
      throw new UsageError(
        '--output FILE is required: tokenscope export writes a file (e.g. -o runs.parquet)',
      );
    }
    const format = options.format ?? FORMAT_OF_EXTENSION[extname(file).toLowerCase()];
    if (format === undefined) {
      throw new UsageError(
        `--format is required: the extension of ${file} is not .csv, .jsonl or .parquet (use --format csv|jsonl|parquet)`,
      );
    }
    const store = await openStore(options, io);
    try {
      const filter = runFilter(options);
      await checkDatasetHasRuns(store, filter.dataset);
      const result = await writeDatasetExport(store.exportRows(filter), format, file);
      io.stderr.write(
        `tokenscope: exported ${result.rows} run${result.rows === 1 ? '' : 's'} to ${file} (${formatSize(result.bytes)})\n`,
      );
    } finally {
      await store.close();
    }
  });
}
