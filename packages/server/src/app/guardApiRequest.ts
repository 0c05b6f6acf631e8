import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../ApiError.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPES = ['application/json'];
const IMPORT_TYPES = ['application/json', 'application/octet-stream'];

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]` (a URL's `hostname`). */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || name === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** The media type of a `Content-Type` header, lower case, without parameters. */
export function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function forbidden(message: string, code: string): ApiError {
  return new ApiError(403, 'invalid_request_error', message, { code });
}

/**
 * Middleware that refuses (403 `host_not_allowed`) a request whose `Host` is not a loopback name: a
 * server listening on loopback only is reached under those names, and any other name means a web page
 * re-pointed its own host name at this machine (DNS rebinding). `/v1` and `/api` both use it.
 */
export function guardLoopbackHost(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (!isLoopbackHostname(url.hostname)) {
      throw forbidden(
        `This server listens on this machine only and answers requests for localhost or 127.0.0.1, not for "${url.hostname}"; use http://127.0.0.1:${url.port || '80'}/`,
        'host_not_allowed',
      );
    }
    await next();
  };
}

/**
 * Middleware for every `/api` request, against other web pages driving a local server: a request
 * from another origin (its `Origin` header names another host) gets a 403; a mutating request
 * (anything but GET/HEAD/OPTIONS) must send `Content-Type: application/json` (`/api/import` also
 * `application/octet-stream`), so that no HTML form or "simple" cross-site request can reach a
 * handler: `text/plain`, form types and a missing type get a 415 (a DELETE without a body may omit it).
 */
export function guardApiRequest(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameHost(origin, url.host)) {
      throw forbidden(
        `Requests from other web pages are refused: the request came from ${JSON.stringify(origin.slice(0, 100))}, not from this server (${url.host}); open the app from this server`,
        'origin_not_allowed',
      );
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const type = mediaType(c.req.header('content-type'));
      const allowed = c.req.path === '/api/import' ? IMPORT_TYPES : JSON_TYPES;
      const bodyless = c.req.method === 'DELETE' && type === undefined && !hasBody(c.req.raw);
      if (!bodyless && (type === undefined || !allowed.includes(type))) {
        throw new ApiError(
          415,
          'invalid_request_error',
          `Expected Content-Type ${allowed.join(' or ')} on ${c.req.method} ${c.req.path}, got ${type ?? 'none'}; send the body with that content type`,
          { code: 'unsupported_media_type' },
        );
      }
    }
    await next();
  };
}

/** True when an `Origin` header names `host` (the request's own host and port). */
export function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and malformed values
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length !== '0';
  return request.body !== null && request.headers.has('transfer-encoding');
}
