#!/usr/bin/env node
/**
 * `npm pack` / `npm publish` of @tokenscope/server (prepack, postpack): the package ships the built
 * web app in dist/web, where `webRoot` (src/app/webRoot.ts) looks first.
 *
 *   node scripts/packWebApp.mjs copy     packages/web/dist → dist/web (without source maps)
 *   node scripts/packWebApp.mjs remove   deletes dist/web again, so the workspace serves packages/web/dist
 *
 * The web app is private and bundled (Preact, ECharts and the core inside its assets): the server
 * depends on no web package at run time.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const to = fileURLToPath(new URL('../dist/web/', import.meta.url));
const mode = process.argv[2];

if (mode === 'copy') {
  if (!existsSync(`${from}index.html`)) {
    console.error(`No built web app in ${from}: run \`npm run build\` at the repository root first.`);
    process.exit(1);
  }
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (path) => !path.endsWith('.map') });
} else if (mode === 'remove') {
  rmSync(to, { recursive: true, force: true });
} else {
  console.error(`usage: node scripts/packWebApp.mjs copy|remove (got ${mode ?? 'nothing'})`);
  process.exit(2);
}
