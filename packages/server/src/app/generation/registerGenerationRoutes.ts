import type { Hono } from 'hono';
import type { AppServices } from '../AppServices.js';
import { postBranch } from './postBranch.js';
import { postDistribution } from './postDistribution.js';
import { postGenerate } from './postGenerate.js';

/**
 * The app's generation routes (shapes in core's `AppApi.ts`): `POST /api/generate` and
 * `POST /api/runs/:id/branch` (Server-Sent Events of `RunStreamEvent`), `POST /api/runs/:id/distribution`.
 * Errors found before a stream starts are thrown (the app's error handler answers them as JSON).
 */
export function registerGenerationRoutes(app: Hono, services: AppServices): void {
  app.post('/api/generate', (c) => postGenerate(c, services));
  app.post('/api/runs/:id/branch', (c) => postBranch(c, services));
  app.post('/api/runs/:id/distribution', (c) => postDistribution(c, services));
}
