/** Test data for the dataset suites: a seeded store of runs with known responses. */
import {
  type DatasetGroupBy,
  DEFAULT_GATE_THRESHOLDS,
  type GateThresholds,
  type LogprobResponse,
} from '@tokenscope/core';
import type { RunStore } from '../src/index.js';
import type { ExpectedRun } from './expectedFigures.js';
import { fixtureResponse, newRun, STORIES, VARIANTS, variant } from './runs.js';

export const STRICT: GateThresholds = { publish: -0.2, review: -1 };
export const DEFAULTS: GateThresholds = { ...DEFAULT_GATE_THRESHOLDS };

export interface SavedRun extends ExpectedRun {
  model: string;
  promptVersion: string | null;
  tags: string[];
  dataset: string | null;
}

/**
 * Every variant twice in dataset `qa` (models a and b, prompt versions v1, v2 or none, tags `even`
 * and `three`), one run of model `solo` and one without completions in `qa`, one run in `other` and
 * one in no dataset. Returns them as saved, in order.
 */
export async function seed(store: RunStore): Promise<SavedRun[]> {
  const plan: Array<Omit<SavedRun, 'id' | 'createdAt'>> = [];
  for (let i = 0; i < VARIANTS.length * 2; i++) {
    const tags = [...(i % 2 === 0 ? ['even'] : []), ...(i % 3 === 0 ? ['three'] : [])];
    const promptVersion = i % 5 === 0 ? null : i % 2 === 0 ? 'v2' : 'v1';
    plan.push({
      response: variant(i),
      model: i % 3 === 0 ? 'model-a' : 'model-b',
      promptVersion,
      tags,
      dataset: 'qa',
    });
  }
  plan.push({ response: variant(2), model: 'solo', promptVersion: 'v1', tags: [], dataset: 'qa' });
  const empty: LogprobResponse = { ...fixtureResponse(STORIES), completions: [] };
  plan.push({ response: empty, model: 'model-b', promptVersion: 'v1', tags: ['even'], dataset: 'qa' });
  plan.push({ response: variant(4), model: 'model-c', promptVersion: 'v9', tags: [], dataset: 'other' });
  plan.push({ response: variant(5), model: 'model-a', promptVersion: null, tags: [], dataset: null });
  const saved: SavedRun[] = [];
  for (const run of plan) {
    const record = await store.save(
      newRun({
        response: run.response,
        model: run.model,
        tags: run.tags,
        ...(run.promptVersion === null ? {} : { promptVersion: run.promptVersion }),
        ...(run.dataset === null ? {} : { dataset: run.dataset }),
      }),
    );
    saved.push({ ...run, id: record.id, createdAt: record.createdAt });
  }
  return saved;
}

export const KEY: Record<Exclude<DatasetGroupBy, 'none' | 'day'>, (run: SavedRun) => Array<string | null>> = {
  model: (run) => [run.model],
  promptVersion: (run) => [run.promptVersion],
  tag: (run) => (run.tags.length === 0 ? [null] : run.tags),
};

/** When the dataset's last run was saved. */
export function lastAt(runs: readonly SavedRun[], dataset: string): string {
  return runs
    .filter((r) => r.dataset === dataset)
    .map((r) => r.createdAt)
    .sort()
    .at(-1)!;
}
