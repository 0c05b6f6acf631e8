import type { Hono } from 'hono';
import type { AppServices } from '../AppServices.js';
import { postClassify } from './postClassify.js';
import { postRerank } from './postRerank.js';
import { postScore } from './postScore.js';

/**
 * The app's tool routes (shapes in core's `ToolsApi.ts`): `POST /api/classify`, `POST /api/rerank`
 * and `POST /api/score`, JSON in and out, on a local model or a remote endpoint.
 */
export function registerToolRoutes(app: Hono, services: AppServices): void {
  app.post('/api/classify', (c) => postClassify(c, services));
  app.post('/api/rerank', (c) => postRerank(c, services));
  app.post('/api/score', (c) => postScore(c, services));
}
