import type { TokenscopeError } from '@tokenscope/core';
import type { ModelInfo } from '@tokenscope/local';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './ApiError.js';
import { type AppContext, nowSeconds } from './AppContext.js';
import type { AppServices } from './app/AppServices.js';
import { type ApiAppOptions, createApiApp } from './app/createApiApp.js';
import { guardLoopbackHost } from './app/guardApiRequest.js';
import { serveWebApp } from './app/serveWebApp.js';
import { webRoot } from './app/webRoot.js';
import { chatCompletions } from './chatCompletions.js';
import { completions } from './completions.js';
import { EngineRegistry, type EngineSource } from './EngineRegistry.js';
import { respondWithError } from './errorAnswer.js';
import { guardCrossOrigin } from './guardCrossOrigin.js';
import { DEFAULT_MAX_BODY_BYTES } from './maxBodyBytes.js';
import { listModels, retrieveModel } from './models.js';
import type { ServeRecording } from './recordServed.js';
import { requireApiKey } from './requireApiKey.js';
import { responses } from './responses/responses.js';
import type { ExchangeTelemetry } from './telemetry/ExchangeTelemetry.js';
import { traceServed } from './telemetry/traceServed.js';

export { DEFAULT_MAX_BODY_BYTES };

export interface AppOptions {
  /** The engines to serve (by `info.id`), or a function that returns the engine of a model id. */
  engines: EngineSource;
  /** Models `GET /v1/models` lists when `engines` is a function (default: none). */
  listModels?: () => readonly ModelInfo[];
  /** When set, every `/v1` request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Largest request body in bytes (default 4 MiB); larger bodies get a 413. */
  maxBodyBytes?: number;
  /** `system_fingerprint` of the responses (default `tokenscope`). */
  fingerprint?: string;
  /** Called with every error answered with a 5xx (default: none). */
  onServerError?: (error: TokenscopeError) => void;
  /**
   * The web app's services: when set, the same server also answers `/api` (with `apiKey` when
   * `app.apiKey` is not set) and serves the web app at `/` (see `createApiApp`, `serveWebApp`).
   */
  app?: AppServices;
  /** Folder of the built web app (default: `webRoot`: packages/web/dist, or dist/web when installed). */
  webRoot?: string;
  /** Largest import in bytes (`POST /api/import`, default 32 MiB). */
  maxImportBytes?: number;
  /**
   * Refuse `/v1` and `/api` requests for host names other than `localhost`, 127.0.0.0/8 and `[::1]`,
   * against DNS rebinding (`startServer` sets it when it listens on a loopback address).
   */
  loopbackHostOnly?: boolean;
  /** Save every answered `/v1` request in a run store (`tokenscope serve --record`; see recordServed.ts). */
  record?: ServeRecording;
  /**
   * Web origins whose pages may call `/v1` from a browser (`http://localhost:5173`, or `*`:
   * `tokenscope serve --cors`). Other pages are refused (403), and so is every POST that is not
   * `application/json` (415), against blind cross-site requests (see `guardCrossOrigin`).
   */
  cors?: readonly string[];
  /**
   * Export a span per chat completion and completion (`tokenscope serve --otlp-endpoint`; see
   * telemetry/). `startServer` shuts it down in `close()`.
   */
  telemetry?: ExchangeTelemetry;
}

const ROUTES: Record<string, string> = {
  '/v1/models': 'GET',
  '/v1/models/:id': 'GET',
  '/v1/chat/completions': 'POST',
  '/v1/completions': 'POST',
  '/v1/responses': 'POST',
};

/**
 * The OpenAI-compatible API as a Hono app: `GET /v1/models`, `GET /v1/models/:id`,
 * `POST /v1/chat/completions`, `POST /v1/completions`, `POST /v1/responses`, with real logprobs from
 * the engines.
 * Every error is OpenAI-shaped (`{"error": {message, type, param, code}}`). See docs/server.md.
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const ctx: AppContext = {
    registry: new EngineRegistry(options.engines, options.listModels),
    fingerprint: options.fingerprint ?? 'tokenscope',
    ...(options.record === undefined ? {} : { recording: options.record }),
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
  };
  const created = nowSeconds();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  app.onError((error, c) => respondWithError(c, error, options.onServerError));
  app.notFound((c) => {
    throw new ApiError(404, 'invalid_request_error', `Invalid URL (${c.req.method} ${c.req.path})`);
  });

  if (options.loopbackHostOnly) app.use('/v1/*', guardLoopbackHost());
  app.use('/v1/*', guardCrossOrigin(options.cors === undefined ? {} : { cors: options.cors }));
  const apiKey = options.apiKey;
  if (apiKey !== undefined) app.use('/v1/*', requireApiKey(apiKey));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          'invalid_request_error',
          `The request body is larger than this server's limit of ${maxBodyBytes} bytes; send a smaller request ` +
            '(the server option maxBodyBytes raises it)',
          { code: 'request_too_large' },
        );
      },
    }),
  );

  if (options.telemetry !== undefined) {
    app.use('/v1/chat/completions', traceServed(options.telemetry, 'chat'));
    app.use('/v1/completions', traceServed(options.telemetry, 'text_completion'));
    app.use('/v1/responses', traceServed(options.telemetry, 'chat'));
  }
  app.get('/v1/models', (c) => listModels(c, ctx, created));
  app.get('/v1/models/:id', (c) => retrieveModel(c, ctx, created));
  app.post('/v1/chat/completions', (c) => chatCompletions(c, ctx));
  app.post('/v1/completions', (c) => completions(c, ctx));
  app.post('/v1/responses', (c) => responses(c, ctx));
  for (const [path, method] of Object.entries(ROUTES)) {
    app.all(path, (c) => {
      throw new ApiError(
        405,
        'invalid_request_error',
        `Method ${c.req.method} is not allowed on ${c.req.path}; use ${method}`,
        { code: 'method_not_supported' },
      );
    });
  }
  if (options.app !== undefined) mountWebApp(app, options.app, options);
  return app;
}

/** `/api` and the web app at `/`, on the same app as `/v1`. */
function mountWebApp(app: Hono, appServices: AppServices, options: AppOptions): void {
  const apiKey = appServices.apiKey ?? options.apiKey;
  const services: AppServices = { ...appServices };
  if (apiKey !== undefined) services.apiKey = apiKey;
  const apiOptions: ApiAppOptions = {};
  if (options.maxBodyBytes !== undefined) apiOptions.maxBodyBytes = options.maxBodyBytes;
  if (options.maxImportBytes !== undefined) apiOptions.maxImportBytes = options.maxImportBytes;
  if (options.loopbackHostOnly !== undefined) apiOptions.loopbackHostOnly = options.loopbackHostOnly;
  if (options.onServerError !== undefined) apiOptions.onServerError = options.onServerError;
  app.route('/', createApiApp(services, apiOptions));
  app.use('*', serveWebApp(options.webRoot ?? webRoot));
}
