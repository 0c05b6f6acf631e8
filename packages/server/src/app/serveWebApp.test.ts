import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../../test/appServices.js';
import { fakeEngine } from '../../test/fakeEngine.js';
import { type AppOptions, createApp } from '../createApp.js';
import { webRoot } from './webRoot.js';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <script type="module" crossorigin src="./assets/index-AbC123.js"></script>
  </head>
  <body><div id="app"></div></body>
</html>
`;

const dirs: string[] = [];
afterEach(async () => {
  await closeTestStores();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A built app: index.html and one hashed asset. */
function builtApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'tokenscope-web-'));
  dirs.push(root);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets/index-AbC123.js'), 'console.log("app");\n');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

async function app(options: Partial<AppOptions> = {}) {
  return createApp({ engines: [fakeEngine()], app: await testServices(), ...options });
}

describe('the web app at /', () => {
  it('serves index.html with a CSP that forbids inline scripts, and a base for deep links', async () => {
    const res = await (await app({ webRoot: builtApp() })).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<div id="app"></div>');
    expect(html).toContain('<base href="/" />');
  });

  it('falls back to index.html for client routes, not for /api, /v1 or missing assets', async () => {
    const server = await app({ webRoot: builtApp() });
    for (const path of ['/runs/abc', '/compare?a=1&b=2', '/index.html', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await server.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<div id="app"></div>');
    }
    for (const path of ['/api/nothing', '/v1/nothing', '/api']) {
      const res = await server.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    const asset = await server.request('/assets/index-Missing.js');
    expect(asset.status).toBe(404);
    const post = await server.request('/runs/abc', { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('serves files with their content type; hashed assets are cached for a year', async () => {
    const server = await app({ webRoot: builtApp() });
    const js = await server.request('/assets/index-AbC123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log("app");\n');
    const svg = await server.request('/favicon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
  });

  it('still serves /v1 and /api beside the app', async () => {
    const server = await app({ webRoot: builtApp() });
    expect((await server.request('/v1/models')).status).toBe(200);
    expect((await server.request('/api/status')).status).toBe(200);
    expect((await server.request('/api/runs', { headers: { Origin: 'http://evil.example' } })).status).toBe(
      403,
    );
  });

  it('one API key guards /v1 and /api, not the page itself', async () => {
    const server = await app({ webRoot: builtApp(), apiKey: 'sk-1' });
    expect((await server.request('/v1/models')).status).toBe(401);
    expect((await server.request('/api/status')).status).toBe(401);
    const auth = { headers: { Authorization: 'Bearer sk-1' } };
    expect((await server.request('/api/status', auth)).status).toBe(200);
    expect((await server.request('/')).status).toBe(200);
  });

  it('says how to build the app when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tokenscope-web-'));
    dirs.push(empty);
    const res = await (await app({ webRoot: empty })).request('/');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('npm run build');
    expect(html).not.toContain('<script');
  });

  it('without app services, serves only /v1', async () => {
    const server = createApp({ engines: [fakeEngine()], webRoot: builtApp() });
    expect((await server.request('/')).status).toBe(404);
    expect((await server.request('/api/status')).status).toBe(404);
  });

  it('serves the real build of packages/web by default', async () => {
    expect(existsSync(join(webRoot, 'index.html')), 'build the web app: npx vite build packages/web').toBe(
      true,
    );
    const res = await (await app()).request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<script type="module"[^>]+src="\.\/assets\/[^"]+\.js"/);
  });
});
