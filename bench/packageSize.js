/**
 * Section `size` of `npm run bench` (after `npm run build`): what a user of the pure core installs, and
 * what a web page that parses and analyses a response downloads.
 *
 * - Installed size: `npm pack` of @tokenscope/core, installed offline into an empty temp folder with
 *   the versions of the monorepo's lock (scripts/lockfileForTarballs.mjs), then the bytes of every
 *   file under its node_modules (apparent size, as `du -sb`), per package.
 * - Browser bundle: `export { analyze, parseResponse } from '@tokenscope/core'` bundled by esbuild
 *   from packages/core/dist (ESM, platform browser, minified), its bytes, gzipped bytes and the bytes
 *   each package contributes (esbuild's metafile); and the same with `@tokenscope/core/names`, the
 *   entry that finds names with compromise (an optional peer dependency, not in the installed size).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { cleanNpmEnv } from '../scripts/cleanNpmEnv.mjs';
import { lockfileForTarballs } from '../scripts/lockfileForTarballs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORE = join(ROOT, 'packages/core');

export const GOAL_INSTALLED_BYTES = 5e6;
export const GOAL_BUNDLE_BYTES = 150e3;

/** npm's environment without what `npm run bench` set for this repository (its package, its prefix). */
const env = cleanNpmEnv();

/** Bytes of every file under `dir`, links not followed. */
function bytesUnder(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Installed packages under `modules` (scoped ones by their full name) with their bytes, largest first. */
function packagesUnder(modules) {
  const found = [];
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const names = entry.name.startsWith('@')
      ? readdirSync(join(modules, entry.name)).map((n) => `${entry.name}/${n}`)
      : [entry.name];
    for (const name of names) found.push({ name, bytes: bytesUnder(join(modules, name)) });
  }
  return found.sort((a, b) => b.bytes - a.bytes);
}

async function installedSize(log) {
  const tmp = mkdtempSync(join(tmpdir(), 'tokenscope-size-'));
  try {
    const manifest = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8'));
    const file = `tokenscope-core-${manifest.version}.tgz`;
    const project = join(tmp, 'project');
    mkdirSync(project);
    log('size: npm pack @tokenscope/core, npm install --offline');
    execFileSync('npm', ['pack', '--pack-destination', tmp], { cwd: CORE, env, stdio: 'ignore' });
    const { packageJson, lock } = lockfileForTarballs({
      monorepoLock: join(ROOT, 'package-lock.json'),
      tarballs: [{ manifest, resolved: `file:../${file}` }],
      name: 'tokenscope-size',
    });
    writeFileSync(join(project, 'package.json'), JSON.stringify(packageJson));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: project,
      env,
      stdio: 'ignore',
    });
    const modules = join(project, 'node_modules');
    return {
      bytes: bytesUnder(modules),
      packages: packagesUnder(modules),
      tarballBytes: statSync(join(tmp, file)).size,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function browserBundle(contents = "export { analyze, parseResponse } from './dist/index.js';") {
  const result = await build({
    stdin: { contents, resolveDir: CORE },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const byPackage = new Map();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = input.includes('node_modules/')
        ? input
            .split('node_modules/')
            .at(-1)
            .split('/')
            .slice(0, input.includes('node_modules/@') ? 2 : 1)
            .join('/')
        : '@tokenscope/core';
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    packages: [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** The figures; see the comment at the top. `namesBundle` adds the `names` entry (compromise). */
export async function benchPackageSize({ log }) {
  return {
    installed: await installedSize(log),
    bundle: await browserBundle(),
    namesBundle: await browserBundle(
      "import './dist/names.js'; export { analyze, parseResponse } from './dist/index.js';",
    ),
  };
}
