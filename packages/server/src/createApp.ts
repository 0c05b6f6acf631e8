import { timingSafeEqual } from 'node:crypto';
import type { ModelInfo } from '@tokenscope/local';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './ApiError.js';
import { type AppContext, nowSeconds } from './AppContext.js';
import { chatCompletions } from './chatCompletions.js';
import { completions } from './completions.js';
import { EngineRegistry, type EngineSource } from './EngineRegistry.js';
import { listModels, retrieveModel } from './models.js';
import { toApiError } from './toApiError.js';

/** Default largest request body: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

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
  onServerError?: (error: ApiError) => void;
}

const ROUTES: Record<string, string> = {
  '/v1/models': 'GET',
  '/v1/models/:id': 'GET',
  '/v1/chat/completions': 'POST',
  '/v1/completions': 'POST',
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The OpenAI-compatible API as a Hono app: `GET /v1/models`, `GET /v1/models/:id`,
 * `POST /v1/chat/completions`, `POST /v1/completions`, with real logprobs from the engines.
 * Every error is OpenAI-shaped (`{"error": {message, type, param, code}}`). See docs/server.md.
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const ctx: AppContext = {
    registry: new EngineRegistry(options.engines, options.listModels),
    fingerprint: options.fingerprint ?? 'tokenscope',
  };
  const created = nowSeconds();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  app.onError((error, c) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) options.onServerError?.(apiError);
    return c.json(apiError.toJSON(), apiError.status as 400);
  });
  app.notFound((c) => {
    throw new ApiError(404, 'invalid_request_error', `Invalid URL (${c.req.method} ${c.req.path})`);
  });

  const apiKey = options.apiKey;
  if (apiKey !== undefined) {
    app.use('/v1/*', async (c, next) => {
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match || !sameSecret(match[1]!.trim(), apiKey)) {
        throw new ApiError(
          401,
          'invalid_request_error',
          match
            ? 'Incorrect API key provided; send the key the server was started with as "Authorization: Bearer <key>"'
            : 'You did not provide an API key; send it as "Authorization: Bearer <key>"',
          { code: 'invalid_api_key' },
        );
      }
      await next();
    });
  }
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

  app.get('/v1/models', (c) => listModels(c, ctx, created));
  app.get('/v1/models/:id', (c) => retrieveModel(c, ctx, created));
  app.post('/v1/chat/completions', (c) => chatCompletions(c, ctx));
  app.post('/v1/completions', (c) => completions(c, ctx));
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
  return app;
}
