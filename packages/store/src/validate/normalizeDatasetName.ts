import { InvalidOptionError } from '@tokenscope/core';

/**
 * A dataset's name as the store keeps it everywhere (runs, settings, batch rows): trimmed, 1-200
 * characters (the run schema trims `dataset` the same way). `InvalidOptionError` otherwise.
 */
export function normalizeDatasetName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > 200) {
    throw new InvalidOptionError(
      'dataset',
      `expected a dataset name of 1-200 characters, got ${JSON.stringify(name)}`,
    );
  }
  return name.trim();
}
