import { InvalidOptionError } from '@tokenscope/core';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './ApiError.js';
import { mediaType, sameHost } from './app/guardApiRequest.js';

export interface CrossOriginOptions {
  /**
   * Web origins allowed to call the API from a browser (`http://localhost:5173`), or `*` for any
   * (`tokenscope serve --cors`). Their preflight requests are answered and their answers carry
   * `Access-Control-Allow-Origin`. Default: none (only same-origin pages and non-browser clients).
   */
  cors?: readonly string[];
  /** Which POSTs must be `application/json` (default: all of them). */
  jsonBody?: (path: string) => boolean;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS =
  'authorization, content-type, openai-organization, openai-project, x-tokenscope-dataset';

/** `http://host:port` of an origin as browsers send it (lower-case, default port dropped), or undefined. */
function normalOrigin(text: string): string | undefined {
  if (text === '*') return '*';
  try {
    const url = new URL(text);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** Checks `--cors` values (`*`, or origins such as `http://localhost:5173`) and returns them as browsers send them. */
export function checkCorsOrigins(origins: readonly string[]): string[] {
  return origins.map((origin) => {
    if (origin === '*') return origin;
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    const plain =
      url !== undefined &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === '';
    if (!plain) {
      throw new InvalidOptionError(
        'cors',
        `expected a web origin such as http://localhost:5173 (scheme, host and port, no path) or *, got ${JSON.stringify(origin.slice(0, 100))}`,
      );
    }
    return url.origin;
  });
}

/**
 * Middleware against web pages that drive the API from a visitor's browser (blind CSRF, as `/api`'s
 * `guardApiRequest`): a request whose `Origin` names another host gets a 403 `origin_not_allowed`
 * (`Origin: null` too) unless that origin is in `cors`, and a POST whose body is not
 * `application/json` gets a 415 `unsupported_media_type` (a form, `text/plain` or no type: what a
 * page can send without a preflight). Requests without `Origin` (curl, the SDKs) and same-origin
 * ones are not affected by the origin rule. For an origin in `cors`, preflights (`OPTIONS` with
 * `Access-Control-Request-Method`) get a 204 and every answer `Access-Control-Allow-Origin`.
 */
export function guardCrossOrigin(options: CrossOriginOptions = {}): MiddlewareHandler {
  const allowed = new Set(checkCorsOrigins(options.cors ?? []));
  const anyOrigin = allowed.has('*');
  const jsonBody = options.jsonBody ?? (() => true);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const foreign = origin !== undefined && !sameHost(origin, new URL(c.req.url).host);
    const granted = foreign && (anyOrigin || allowed.has(normalOrigin(origin) ?? ''));
    if (granted) {
      c.header('access-control-allow-origin', anyOrigin ? '*' : origin);
      c.header('vary', 'Origin');
    }
    if (foreign && !granted) {
      throw new ApiError(
        403,
        'invalid_request_error',
        `Requests from other web pages are refused: this one came from ${JSON.stringify(origin.slice(0, 100))}; to let that page call the API, start the server with --cors ${normalOrigin(origin) ?? '<origin>'}`,
        { code: 'origin_not_allowed' },
      );
    }
    if (
      granted &&
      c.req.method === 'OPTIONS' &&
      c.req.header('access-control-request-method') !== undefined
    ) {
      return preflight(c);
    }
    if (c.req.method === 'POST' && jsonBody(c.req.path)) {
      const type = mediaType(c.req.header('content-type'));
      if (type !== 'application/json') {
        throw new ApiError(
          415,
          'invalid_request_error',
          `Expected Content-Type application/json on POST ${c.req.path}, got ${type ?? 'none'}; send the JSON body with that content type`,
          { code: 'unsupported_media_type' },
        );
      }
    }
    await next();
    if (granted) {
      // an answer made by the handler (a stream, a relayed upstream answer) has its own headers
      if (c.res.headers.get('access-control-allow-origin') === null) {
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set('access-control-allow-origin', anyOrigin ? '*' : origin);
        c.res.headers.append('vary', 'Origin');
      }
    }
    return undefined;
  };
}

function preflight(c: Context): Response {
  c.header('access-control-allow-methods', ALLOWED_METHODS);
  c.header('access-control-allow-headers', c.req.header('access-control-request-headers') ?? ALLOWED_HEADERS);
  c.header('access-control-max-age', '600');
  return c.body(null, 204);
}
