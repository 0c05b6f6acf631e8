import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { cleanNpmEnv } from './cleanNpmEnv.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { lockfileForTarballs } from './lockfileForTarballs.mjs';

/**
 * The published packages as a user gets them: `npm pack` of every public workspace (after the
 * build), the tarballs installed together into an empty folder offline (the npm cache, which `npm ci`
 * filled, and the tarballs), then the installed `tokenscope` command run there.
 */

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  engines?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string };
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = join(ROOT, 'packages/core/src/formats/__fixtures__/openai-chat.seed003.recorded.json');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

const workspaces = readJson<{ workspaces: string[] }>(join(ROOT, 'package.json')).workspaces.map((dir) => ({
  dir,
  manifest: readJson<Manifest>(join(ROOT, dir, 'package.json')),
}));
const published = workspaces.filter((w) => w.manifest.private !== true);
const cli = published.find((w) => w.dir === 'packages/cli')?.manifest;

/** npm's tarball name: @tokenscope/core 0.1.0 → tokenscope-core-0.1.0.tgz. */
const tarballName = (m: Manifest) => `${m.name.replace(/^@/, '').replace('/', '-')}-${m.version}.tgz`;

/** The environment of the npm and node commands, without what `npm test` set for this repository. */
const cleanEnv = (): NodeJS.ProcessEnv => ({ ...(cleanNpmEnv() as NodeJS.ProcessEnv), NO_COLOR: '1' });

let tmp = '';
let project = '';
const run = (file: string, args: string[], cwd = project) =>
  execFileSync(file, args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'tokenscope-install-'));
  const packs = join(tmp, 'packs');
  project = join(tmp, 'project');
  mkdirSync(packs);
  mkdirSync(project);
  run(
    'npm',
    ['pack', '--pack-destination', packs, ...published.flatMap((w) => ['-w', w.manifest.name])],
    ROOT,
  );
  const tarballs = published.map((w) => {
    const file = tarballName(w.manifest);
    if (!existsSync(join(packs, file))) throw new Error(`npm pack wrote no ${file} in ${packs}`);
    return { manifest: w.manifest, resolved: `file:../packs/${file}` };
  });
  const { packageJson, lock } = lockfileForTarballs({
    monorepoLock: join(ROOT, 'package-lock.json'),
    tarballs,
    name: 'tokenscope-install-test',
  });
  // better-sqlite3's install script downloads its prebuilt binary from GitHub or, offline, compiles
  // SQLite from source (about 2 minutes on 2 cores): not what this test is about.
  // @tokenscope/local's install script builds its native logits reader (a few seconds).
  const allowScripts = { 'better-sqlite3': false, 'node-llama-cpp': true, '@tokenscope/local': true };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ ...packageJson, allowScripts }, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund']);
}, 170_000);

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

/** Every package.json installed under `dir/node_modules`, nested ones included. */
function installedManifests(dir: string): { path: string; manifest: Manifest }[] {
  const found: { path: string; manifest: Manifest }[] = [];
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(join(modules, entry.name)).map((n) => join(modules, entry.name, n))
      : [join(modules, entry.name)];
    for (const pkg of dirs) {
      const path = join(pkg, 'package.json');
      if (existsSync(path)) found.push({ path, manifest: readJson<Manifest>(path) });
      found.push(...installedManifests(pkg));
    }
  }
  return found;
}

describe('the packed packages installed together, offline', () => {
  it('packs every public workspace; the web app is private', () => {
    expect(published.map((w) => w.manifest.name).sort()).toEqual([
      '@tokenscope/core',
      '@tokenscope/local',
      '@tokenscope/providers',
      '@tokenscope/server',
      '@tokenscope/store',
      'tokenscope',
    ]);
    expect(workspaces.find((w) => w.dir === 'packages/web')?.manifest.private).toBe(true);
  });

  it("@tokenscope/local's install script built the native logits reader against node-llama-cpp's llama.cpp", () => {
    expect(existsSync(join(project, 'node_modules/@tokenscope/local/native/build/readLogits.node'))).toBe(
      true,
    );
  });

  it('tokenscope --version prints the version', () => {
    expect(run(join(project, 'node_modules/.bin/tokenscope'), ['--version'])).toBe(`${cli?.version}\n`);
  });

  it('tokenscope analyze prints the X-ray report of a recorded response', () => {
    const report = run(join(project, 'node_modules/.bin/tokenscope'), ['analyze', FIXTURE, '--no-color']);
    expect(report).toContain('Summary:');
    expect(report).toMatch(/mean logprob -?\d/);
    expect(report).toContain("Logprobs measure the model's confidence, not truth.");
  });

  it('the installed server serves the web app it ships', () => {
    const server = join(project, 'node_modules/@tokenscope/server');
    const script = "import { webRoot } from '@tokenscope/server'; process.stdout.write(webRoot);";
    expect(run('node', ['--input-type=module', '-e', script])).toBe(join(server, 'dist/web/'));
    const index = readFileSync(join(server, 'dist/web/index.html'), 'utf8');
    const assets = [...index.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(existsSync(join(server, 'dist/web', asset)), asset).toBe(true);
  });

  it('nothing installed depends on the private web app or its bundled libraries', () => {
    const manifests = installedManifests(project);
    expect(manifests.length).toBeGreaterThan(50);
    const dependents = manifests.filter(({ manifest: m }) =>
      [m.dependencies, m.optionalDependencies, m.peerDependencies, m.devDependencies].some(
        (deps) => deps?.['@tokenscope/web'] !== undefined,
      ),
    );
    expect(dependents.map((d) => d.path)).toEqual([]);
    for (const bundled of ['@tokenscope/web', 'preact', 'echarts']) {
      expect(existsSync(join(project, 'node_modules', bundled)), bundled).toBe(false);
    }
  });

  it('each installed package has its README, LICENSE and the metadata of a published package', () => {
    for (const { dir, manifest } of published) {
      const installed = join(project, 'node_modules', manifest.name);
      expect(existsSync(join(installed, 'README.md')), `${manifest.name} README.md`).toBe(true);
      expect(existsSync(join(installed, 'LICENSE')), `${manifest.name} LICENSE`).toBe(true);
      const m = readJson<Manifest>(join(installed, 'package.json'));
      expect(m.license).toBe('MIT');
      expect(m.description?.length).toBeGreaterThan(20);
      expect(m.engines?.node).toBe('>=20');
      expect(m.repository?.directory).toBe(dir);
      for (const [dep, range] of Object.entries(m.dependencies ?? {})) {
        if (dep === 'tokenscope' || dep.startsWith('@tokenscope/'))
          expect(range, dep).toMatch(/^\^?\d+\.\d+\.\d+$/);
      }
    }
  });
});
