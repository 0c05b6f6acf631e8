import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { HTML_SECURITY_HEADERS } from './webAppHeaders.js';
import { webAppMissingPage } from './webAppMissingPage.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Hashed build output (`/assets/index-Bc3OicNF.js`) never changes under its name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths the app never claims: the APIs answer (or 404) those themselves. */
function isApiPath(path: string): boolean {
  return /^\/(api|v1)(\/|$)/.test(path);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` that `urlPath` names, or undefined when it escapes `root` or is malformed. */
function fileUnder(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const path = resolve(root, `.${decoded}`);
  return path.startsWith(root + sep) ? path : undefined;
}

/**
 * `index.html` as served: with `<base href="/">` so its relative asset URLs (Vite's `base: './'`)
 * resolve from the root on deep links such as `/runs/abc` too.
 */
function withBase(html: string): string {
  if (/<base\s/i.test(html)) return html;
  return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}\n    <base href="/" />`);
}

/**
 * Serves the built web app from `root` (packages/web/dist) for GET and HEAD requests outside `/api`
 * and `/v1`: files with their content type (`nosniff`); hashed `/assets/*` cached for a year,
 * everything else revalidated; any other path (a client-side route) gets `index.html` (SPA
 * fallback), except a missing file under `/assets/`, which is a plain 404. HTML pages carry the CSP
 * of `webAppHeaders.ts`. When the app is not built (no `index.html`), a page says how to build it.
 */
export function serveWebApp(root: string): MiddlewareHandler {
  const base = resolve(root);
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || isApiPath(path)) return next();
    const index = join(base, 'index.html');
    if (!(await isFile(index))) return missing(c, base);
    const file = path === '/' ? undefined : fileUnder(base, path);
    if (file !== undefined && file !== index && (await isFile(file))) {
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) return html(c, await readFile(file, 'utf8'));
      return c.body(new Uint8Array(await readFile(file)), 200, {
        'Content-Type': type,
        'Cache-Control': path.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
    }
    if (path.startsWith('/assets/')) {
      return c.text('Not found', 404, { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
    }
    return html(c, withBase(await readFile(index, 'utf8')));
  };
}

function html(c: Context, body: string, status: 200 | 503 = 200): Response {
  return c.body(body, status, {
    ...HTML_SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
  });
}

function missing(c: Context, root: string): Response {
  return html(c, webAppMissingPage(root), 503);
}
