/**
 * `tokenscope report --dataset NAME`: the confidence of many runs, aggregated by the run store and
 * grouped by model, prompt version, tag or day: mean logprob and its percentiles, flagged rates,
 * gate verdicts, review counts, the lowest-confidence facts. Text, JSON or one HTML page.
 */
import { type DatasetQuery, DEFAULT_GATE_THRESHOLDS, type GateThresholds } from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import { Command, Option } from 'commander';
import { addStoreOptions, openStore, type StoreCliOptions } from '../app/openStore.js';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { formatOption } from '../options/formatOption.js';
import { parseMeanLogprob } from '../options/parseMeanLogprob.js';
import {
  addRunFilterOptions,
  checkDatasetHasRuns,
  DATASET_GROUP_OPTIONS,
  type GroupByName,
  groupByOption,
  type RunFilterCliOptions,
  runFilter,
} from '../options/runFilterOptions.js';
import { writeDatasetSummary } from './writeDatasetSummary.js';

export const REPORT_FORMATS = ['text', 'json', 'html'] as const;

interface ReportCliOptions extends RunFilterCliOptions, StoreCliOptions {
  groupBy: GroupByName;
  publish?: number;
  review?: number;
  format: (typeof REPORT_FORMATS)[number];
  output?: string;
}

export function reportCommand(io: CliIo): Command {
  const command = new Command('report').description(
    "Summarise the confidence of a dataset's runs (or any filter of the history), grouped and compared. (Confidence, not truth.)",
  );
  addRunFilterOptions(command)
    .addOption(groupByOption('none'))
    .addOption(
      new Option(
        '--publish <logprob>',
        "gate: publish sentences with a mean logprob above this (default: the dataset's saved thresholds, else -0.5)",
      ).argParser(parseMeanLogprob),
    )
    .addOption(
      new Option(
        '--review <logprob>',
        "gate: review sentences with a mean logprob below this (default: the dataset's saved thresholds, else -1.5)",
      ).argParser(parseMeanLogprob),
    )
    .addOption(formatOption(REPORT_FORMATS, { default: 'text', description: 'report format' }))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout');
  addStoreOptions(command);
  return command.action(async (options: ReportCliOptions) => {
    checkThresholds(options.publish, options.review);
    const store = await openStore(options, io);
    try {
      const filter = runFilter(options);
      await checkDatasetHasRuns(store, filter.dataset);
      const thresholds = await chosenThresholds(store, options);
      const query: DatasetQuery = {
        ...filter,
        groupBy: DATASET_GROUP_OPTIONS[options.groupBy],
        ...(thresholds === undefined ? {} : { thresholds }),
      };
      await writeDatasetSummary(store, query, options.format, io, options.output);
    } finally {
      await store.close();
    }
  });
}

function checkThresholds(publish: number | undefined, review: number | undefined): void {
  if (publish !== undefined && review !== undefined && !(publish > review)) {
    throw new UsageError(`--publish (${publish}) must be above --review (${review})`);
  }
}

/**
 * The thresholds of `--publish` / `--review`; one alone keeps the other from the dataset's saved
 * thresholds, else core's defaults. Undefined when neither is given (the store then picks).
 */
async function chosenThresholds(
  store: RunStore,
  options: ReportCliOptions,
): Promise<GateThresholds | undefined> {
  if (options.publish === undefined && options.review === undefined) return undefined;
  const saved =
    options.dataset === undefined ? null : (await store.datasetSettings(options.dataset)).thresholds;
  const base = saved ?? DEFAULT_GATE_THRESHOLDS;
  const thresholds = { publish: options.publish ?? base.publish, review: options.review ?? base.review };
  if (!(thresholds.publish > thresholds.review)) {
    const from = saved === null ? 'default' : "dataset's saved";
    throw new UsageError(
      options.publish === undefined
        ? `--review (${thresholds.review}) must be below the ${from} publish threshold (${thresholds.publish}): give --publish too`
        : `--publish (${thresholds.publish}) must be above the ${from} review threshold (${thresholds.review}): give --review too`,
    );
  }
  return thresholds;
}
