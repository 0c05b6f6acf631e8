import type { TokenscopeError } from '@tokenscope/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../ApiError.js';
import { respondWithError } from '../errorAnswer.js';
import { DEFAULT_MAX_BODY_BYTES } from '../maxBodyBytes.js';
import { requireApiKey } from '../requireApiKey.js';
import type { AppServices } from './AppServices.js';
import { appStatus } from './appStatus.js';
import { registerDatasetRoutes } from './datasetRoutes.js';
import { registerGenerationRoutes } from './generation/registerGenerationRoutes.js';
import { guardApiRequest, guardLoopbackHost } from './guardApiRequest.js';
import { importRun } from './importRun.js';
import { registerReviewRoutes } from './reviewRoutes.js';
import { registerRunRoutes } from './runRoutes.js';
import { registerToolRoutes } from './tools/registerToolRoutes.js';

/** Default largest import (`POST /api/import`): 32 MiB. */
export const DEFAULT_MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** Options of `createApiApp` beyond the services. */
export interface ApiAppOptions {
  /** Largest request body in bytes except imports (default 4 MiB); larger bodies get a 413. */
  maxBodyBytes?: number;
  /** Largest import body in bytes (default 32 MiB). */
  maxImportBytes?: number;
  /** Refuse requests for host names other than loopback ones (see `guardApiRequest`). */
  loopbackHostOnly?: boolean;
  /** Called with every error answered with a 5xx. */
  onServerError?: (error: TokenscopeError) => void;
}

function tooLarge(limit: number, what: string, option: string): () => never {
  return () => {
    throw new ApiError(
      413,
      'invalid_request_error',
      `The ${what} is larger than this server's limit of ${limit} bytes; send a smaller one (the server option ${option} raises it)`,
      { code: 'request_too_large' },
    );
  };
}

/**
 * The web app's API (`/api/...`, routes and shapes in core's `AppApi.ts`) as a Hono app: status,
 * run history (list, get, rename/tag, delete, tree, export), tags, import, datasets (list, facets,
 * summary, settings), reviews, and the generation and tool routes.
 * Guards every request (other origins 403, DNS-rebound host names 403 when `loopbackHostOnly`,
 * mutating requests need a JSON content type, the API key when `services.apiKey` is set); sends no
 * CORS headers. Errors are `AppErrorBody` (OpenAI's shape) with a 4xx/5xx status.
 */
export function createApiApp(services: AppServices, options: ApiAppOptions = {}): Hono {
  const app = new Hono();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxImportBytes = options.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  app.onError((error, c) => respondWithError(c, error, options.onServerError));
  app.notFound((c) => {
    throw new ApiError(404, 'invalid_request_error', `Invalid URL (${c.req.method} ${c.req.path})`);
  });

  if (options.loopbackHostOnly) app.use('/api/*', guardLoopbackHost());
  app.use('/api/*', guardApiRequest());
  if (services.apiKey !== undefined) app.use('/api/*', requireApiKey(services.apiKey));
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: tooLarge(maxBodyBytes, 'request body', 'maxBodyBytes'),
  });
  const limitImport = bodyLimit({
    maxSize: maxImportBytes,
    onError: tooLarge(maxImportBytes, 'imported file', 'maxImportBytes'),
  });
  app.use('/api/*', (c, next) => (c.req.path === '/api/import' ? limitImport(c, next) : limitBody(c, next)));

  app.get('/api/status', (c) => c.json(appStatus(services)));
  registerRunRoutes(app, services);
  registerReviewRoutes(app, services);
  registerDatasetRoutes(app, services);
  app.post('/api/import', (c) => importRun(c, services));
  registerGenerationRoutes(app, services);
  registerToolRoutes(app, services);
  return app;
}
