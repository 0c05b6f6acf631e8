/** Test helpers for the web app's `/api`: real run stores in temporary folders and a fixed model catalog. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalModelEntry } from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { ApiError } from '../src/ApiError.js';
import type { AppServices, ModelCatalog } from '../src/app/AppServices.js';

/** A catalog that lists `models` and starts none (the routes tested here never generate). */
export function fixedCatalog(models: LocalModelEntry[], help?: string): ModelCatalog {
  return {
    list: () => models,
    defaultModel: () => (models[0] ? { id: models[0].id, source: '../shared/models' } : null),
    help: () => help,
    engine: async (id) => {
      throw new ApiError(404, 'not_found_error', `no model ${id}`, { code: 'model_not_found' });
    },
    close: async () => {},
  };
}

const opened: Array<{ store: RunStore; dir: string }> = [];

/** Services over a real store in a new temporary folder (closed and removed by `closeTestStores`). */
export async function testServices(overrides: Partial<AppServices> = {}): Promise<AppServices> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-api-'));
  const store = await openRunStore({ dataDir: dir });
  opened.push({ store, dir });
  return {
    store,
    catalog: fixedCatalog([{ id: 'stories260K', path: '/models/stories260K.gguf' }]),
    version: '9.9.9',
    ...overrides,
  };
}

/** Closes every store `testServices` opened and removes their folders. */
export async function closeTestStores(): Promise<void> {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
