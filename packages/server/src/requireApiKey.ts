import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './ApiError.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Middleware: a 401 `invalid_api_key` unless the request sends `Authorization: Bearer <apiKey>`. */
export function requireApiKey(apiKey: string): MiddlewareHandler {
  return async (c, next) => {
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
  };
}
