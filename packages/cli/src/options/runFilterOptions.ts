/**
 * Which runs of the history a command covers (`report`, `export`): `--dataset`, `--model`,
 * `--prompt-version`, `--tag`, `--verdict`, `--since`, `--until`, `--search`, as a `RunQuery` the
 * store filters by. Bad values are commander errors that name the option.
 */
import { type DatasetGroupBy, GATE_VERDICTS, type GateVerdict, type RunQuery } from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';

/** The filter's options as commander parses them. */
export interface RunFilterCliOptions {
  dataset?: string;
  model?: string;
  promptVersion?: string;
  tag?: string;
  verdict?: GateVerdict;
  since?: string;
  until?: string;
  search?: string;
}

export type RunFilter = Omit<RunQuery, 'limit' | 'offset' | 'source'>;

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date (`2026-03-01`, a UTC day) or time (`2026-03-01T08:00Z`; without `Z` or an offset,
 * local time), returned as an ISO instant. Impossible dates (`2026-02-30`) are refused.
 */
export function parseDate(text: string): string {
  const match = ISO_DATE.exec(text.trim());
  const time = match === null ? Number.NaN : Date.parse(text.trim());
  const iso = Number.isNaN(time) ? '' : new Date(time).toISOString();
  // Date.parse rolls 2026-02-30 over to March 2; a date alone must come back as itself.
  const dateOnly = match !== null && match[0].length === match[1]!.length;
  if (iso === '' || (dateOnly && iso.slice(0, 10) !== match[1])) {
    throw new InvalidArgumentError(
      `Expected an ISO 8601 date or time such as 2026-03-01 or 2026-03-01T08:00Z, got ${JSON.stringify(text)}.`,
    );
  }
  return iso;
}

/** A non-empty value (after trimming). */
function nonEmpty(what: string): (text: string) => string {
  return (text: string) => {
    if (text.trim() === '') throw new InvalidArgumentError(`Expected ${what}, got an empty value.`);
    return text.trim();
  };
}

/** Adds the run filter's options to `command`. */
export function addRunFilterOptions(command: Command): Command {
  return command
    .option('--dataset <name>', 'runs of this dataset', nonEmpty('a dataset name'))
    .option('--model <model>', 'runs of this model', nonEmpty('a model id'))
    .option('--prompt-version <version>', 'runs of this prompt version', nonEmpty('a prompt version'))
    .option('--tag <tag>', 'runs with this tag', nonEmpty('a tag'))
    .addOption(
      new Option(
        '--verdict <verdict>',
        "runs with this gate verdict (at the dataset's saved thresholds, else -0.5/-1.5)",
      ).choices(GATE_VERDICTS),
    )
    .option(
      '--since <date>',
      'runs created at or after this ISO 8601 date or time (a date is a UTC day)',
      parseDate,
    )
    .option('--until <date>', 'runs created before this ISO 8601 date or time', parseDate)
    .option('--search <text>', 'runs whose title, prompt, answer, model or tags contain these words');
}

/** The store query of the parsed options (only the options that were given). */
export function runFilter(options: RunFilterCliOptions): RunFilter {
  const filter: RunFilter = {};
  for (const key of [
    'dataset',
    'model',
    'promptVersion',
    'tag',
    'verdict',
    'since',
    'until',
    'search',
  ] as const) {
    const value = options[key];
    if (value !== undefined) Object.assign(filter, { [key]: value });
  }
  return filter;
}

/** Datasets listed in the error before "and N more". */
const LISTED = 20;

/**
 * Throws a `UsageError` when `dataset` has no runs, listing the datasets that do, so a misspelt
 * name is an error rather than an empty report.
 */
export async function checkDatasetHasRuns(store: RunStore, dataset: string | undefined): Promise<void> {
  if (dataset === undefined) return;
  const datasets = await store.datasets();
  if (datasets.some((d) => d.name === dataset)) return;
  const names = datasets.slice(0, LISTED).map((d) => d.name);
  const more = datasets.length > LISTED ? `, and ${datasets.length - LISTED} more` : '';
  throw new UsageError(
    `no runs in dataset ${JSON.stringify(dataset)}; ${
      names.length === 0 ? `no datasets in ${store.location} yet` : `datasets: ${names.join(', ')}${more}`
    }`,
  );
}

/** `--group-by` values (kebab-case on the command line) and the store's grouping for each. */
export const DATASET_GROUP_OPTIONS = {
  none: 'none',
  model: 'model',
  'prompt-version': 'promptVersion',
  tag: 'tag',
  day: 'day',
} as const satisfies Record<string, DatasetGroupBy>;

export type GroupByName = keyof typeof DATASET_GROUP_OPTIONS;

/** `--group-by`: how a dataset summary compares groups of runs. */
export function groupByOption(fallback: GroupByName): Option {
  return new Option('--group-by <group>', 'compare groups of runs side by side in the summary')
    .choices(Object.keys(DATASET_GROUP_OPTIONS))
    .default(fallback);
}
