import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../ApiError.js';
import { parseBody } from '../parseBody.js';
import type { AppServices } from './AppServices.js';
import { parseDatasetQuery } from './parseDatasetQuery.js';

/** The body of `PUT /api/datasets/:name/settings` (core's `gate` checks the pair). */
const settingsSchema = z.strictObject({
  thresholds: z.strictObject({ publish: z.number(), review: z.number() }).nullable(),
  note: z.string().max(500).optional(),
});

const FACET_KEYS = new Set(['dataset']);

/** A dataset name from the path: 1-200 characters, not blank (else a 400 naming `name`). */
function datasetName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > 200) {
    throw ApiError.invalid(
      'name',
      `Invalid dataset name: expected 1-200 characters, got ${JSON.stringify(raw.slice(0, 40))}`,
    );
  }
  return name;
}

/**
 * Dataset routes (many runs compared, aggregated by the store's database): `GET /api/datasets`
 * (datasets with runs, most recent first), `GET /api/facets?dataset=` (models and prompt versions to
 * filter by), `GET /api/datasets/summary?...` (`parseDatasetQuery`), and `GET|PUT
 * /api/datasets/:name/settings` (the gate thresholds saved for a dataset). Store errors reach the
 * app's error handler.
 */
export function registerDatasetRoutes(app: Hono, services: AppServices): void {
  const { store } = services;
  app.get('/api/datasets', async (c) => c.json(await store.datasets()));
  app.get('/api/facets', async (c) => {
    const params = c.req.query();
    for (const key of Object.keys(params)) {
      if (!FACET_KEYS.has(key)) {
        throw ApiError.invalid(
          key,
          `Unknown query parameter '${key.slice(0, 40)}'; GET /api/facets takes dataset`,
        );
      }
    }
    const dataset = params.dataset?.trim();
    return c.json(await store.facets(dataset ? dataset : undefined));
  });
  app.get('/api/datasets/summary', async (c) =>
    c.json(await store.datasetSummary(parseDatasetQuery(c.req.query()))),
  );
  app.get('/api/datasets/:name/settings', async (c) =>
    c.json(await store.datasetSettings(datasetName(c.req.param('name')))),
  );
  app.put('/api/datasets/:name/settings', async (c) => {
    const name = datasetName(c.req.param('name'));
    const body = await parseBody(c, settingsSchema);
    const { thresholds } = body;
    if (thresholds !== null) {
      for (const key of ['publish', 'review'] as const) {
        if (!(Number.isFinite(thresholds[key]) && thresholds[key] <= 0)) {
          throw ApiError.invalid(
            `thresholds.${key}`,
            `Invalid 'thresholds.${key}': expected a mean logprob <= 0 (natural log), got ${thresholds[key]}`,
          );
        }
      }
      if (!(thresholds.publish > thresholds.review)) {
        throw ApiError.invalid(
          'thresholds.review',
          `Invalid 'thresholds.review': the publish threshold (${thresholds.publish}) must be above the review threshold (${thresholds.review}); e.g. publish -0.5, review -1.5`,
        );
      }
    }
    return c.json(await store.saveDatasetThresholds(name, thresholds, body.note));
  });
}
