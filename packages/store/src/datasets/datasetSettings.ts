/** Datasets in the store: the list, the values to filter by, and each dataset's saved thresholds. */
import {
  type DatasetListItem,
  type DatasetSettings,
  type GateThresholds,
  InvalidOptionError,
  resolveGateThresholds,
} from '@tokenscope/core';
import type { SqlDriver, SqlExecutor } from '../driver/SqlDriver.js';
import { normalizeDatasetName } from '../validate/normalizeDatasetName.js';

export function datasetList(db: SqlDriver): Promise<DatasetListItem[]> {
  return db.all<DatasetListItem>(
    `SELECT dataset AS name, count(*) AS runs, min(created_at) AS "firstAt", max(created_at) AS "lastAt"
     FROM runs WHERE dataset IS NOT NULL GROUP BY dataset ORDER BY max(created_at) DESC`,
  );
}

export async function facets(
  db: SqlDriver,
  dataset?: string,
): Promise<{ models: string[]; promptVersions: string[] }> {
  const where = dataset === undefined ? '' : 'AND dataset = ?';
  const params = dataset === undefined ? [] : [dataset];
  const models = await db.all<{ v: string }>(
    `SELECT DISTINCT model AS v FROM runs WHERE model IS NOT NULL ${where} ORDER BY v`,
    params,
  );
  const versions = await db.all<{ v: string }>(
    `SELECT DISTINCT prompt_version AS v FROM runs WHERE prompt_version IS NOT NULL ${where} ORDER BY v`,
    params,
  );
  return { models: models.map((r) => r.v), promptVersions: versions.map((r) => r.v) };
}

interface SettingsRow {
  name: string;
  publish: number | null;
  review: number | null;
  thresholds_note: string | null;
  updated_at: string | null;
}

export async function readSettings(db: SqlExecutor, name: string): Promise<DatasetSettings> {
  const row = await db.get<SettingsRow>(
    'SELECT name, publish, review, thresholds_note, updated_at FROM datasets WHERE name = ?',
    [name],
  );
  return {
    name,
    thresholds:
      row?.publish == null || row.review == null ? null : { publish: row.publish, review: row.review },
    thresholdsNote: row?.thresholds_note ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export function datasetSettings(db: SqlDriver, name: string): Promise<DatasetSettings> {
  return readSettings(db, normalizeDatasetName(name));
}

export async function saveDatasetThresholds(
  db: SqlDriver,
  name: string,
  thresholds: GateThresholds | null,
  note?: string,
): Promise<DatasetSettings> {
  name = normalizeDatasetName(name); // as runs keep it (trimmed)
  if (thresholds !== null) checkThresholds(thresholds);
  const at = new Date().toISOString();
  await db.run(
    `INSERT INTO datasets (name, publish, review, thresholds_note, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET publish = excluded.publish, review = excluded.review,
       thresholds_note = excluded.thresholds_note, updated_at = excluded.updated_at`,
    [name, thresholds?.publish ?? null, thresholds?.review ?? null, note?.slice(0, 500) ?? null, at],
  );
  return readSettings(db, name);
}

/** The same checks as core's `gate` (finite, <= 0, publish above review), with its messages. */
export function checkThresholds(thresholds: GateThresholds): void {
  if (typeof thresholds !== 'object' || thresholds === null) {
    throw new InvalidOptionError('thresholds', 'expected {publish, review}');
  }
  // both are needed: a missing one would be saved as NULL, which clears the other too
  for (const name of ['publish', 'review'] as const) {
    if (typeof thresholds[name] !== 'number') {
      throw new InvalidOptionError(
        `${name} threshold`,
        `expected a mean logprob <= 0 (natural log), got ${String(thresholds[name])}`,
      );
    }
  }
  resolveGateThresholds({ publish: thresholds.publish, review: thresholds.review });
}
