import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../ApiError.js';
import { parseBody } from '../parseBody.js';
import type { AppServices } from './AppServices.js';
import {
  buildReviewQueue,
  DEFAULT_QUEUE_SCAN,
  MAX_QUEUE_SCAN,
  type ReviewQueueOptions,
} from './buildReviewQueue.js';

/** The body of `POST /api/runs/:id/reviews` (the store checks ranges, lengths and the edited text). */
const decisionSchema = z.strictObject({
  sentence: z.number(),
  charStart: z.number(),
  charEnd: z.number(),
  text: z.string(),
  decision: z.string(),
  editedText: z.string().optional(),
  note: z.string().optional(),
});

const QUEUE_KEYS = new Set(['limit', 'publish', 'review', 'dataset']);

/** `limit`, `publish`, `review`, `dataset` of `GET /api/review-queue` (empty values are absent). */
export function parseQueueQuery(params: Record<string, string>): ReviewQueueOptions {
  const options: ReviewQueueOptions = {};
  for (const [key, value] of Object.entries(params)) {
    if (!QUEUE_KEYS.has(key)) {
      throw ApiError.invalid(
        key,
        `Unknown query parameter '${key.slice(0, 40)}'; GET /api/review-queue takes ${[...QUEUE_KEYS].join(', ')}`,
      );
    }
    if (value === '') continue;
    if (key === 'dataset') {
      options.dataset = value;
      continue;
    }
    if (key === 'limit') {
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(Number.isSafeInteger(n) && n >= 1 && n <= MAX_QUEUE_SCAN)) {
        throw ApiError.invalid(
          'limit',
          `Invalid 'limit': expected how many of the newest runs to scan, an integer in 1..${MAX_QUEUE_SCAN} (default ${DEFAULT_QUEUE_SCAN}), got ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      options.scan = n;
    } else {
      const n = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) {
        throw ApiError.invalid(
          key,
          `Invalid '${key}': expected a mean logprob such as -0.5, got ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      options[key as 'publish' | 'review'] = n;
    }
  }
  return options;
}

/**
 * Review routes (confidence gating): `GET|POST /api/runs/:id/reviews` (a run's decisions; save one,
 * 201) and `GET /api/review-queue?limit=&publish=&review=` (sentences of the newest runs that the gate
 * sends to review and nobody decided yet). Store and core errors reach the app's error handler.
 */
export function registerReviewRoutes(app: Hono, services: AppServices): void {
  const { store } = services;
  app.get('/api/runs/:id/reviews', async (c) => c.json(await store.reviews(c.req.param('id'))));
  app.post('/api/runs/:id/reviews', async (c) => {
    const body = await parseBody(c, decisionSchema);
    return c.json(await store.review(c.req.param('id'), body as Parameters<typeof store.review>[1]), 201);
  });
  app.get('/api/review-queue', async (c) =>
    c.json(await buildReviewQueue(store, parseQueueQuery(c.req.query()))),
  );
}
