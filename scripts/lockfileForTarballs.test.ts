import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { lockfileForTarballs } from './lockfileForTarballs.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tokenscope-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A monorepo lock: workspaces @x/a (packages/a) and @x/b, a dev-only package, nested and optional ones. */
const MONOREPO = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'mono', workspaces: ['packages/a', 'packages/b'], devDependencies: { devtool: '^1.0.0' } },
    'node_modules/@x/a': { resolved: 'packages/a', link: true },
    'node_modules/@x/b': { resolved: 'packages/b', link: true },
    'packages/a': { name: '@x/a', version: '1.0.0', dependencies: { '@x/b': '1.0.0', dep: '^2.0.0' } },
    'packages/b': { name: '@x/b', version: '1.0.0', dependencies: { dep: '^1.0.0' } },
    'packages/a/node_modules/dep': {
      version: '2.0.0',
      integrity: 'sha512-dep2',
      dependencies: { leaf: '^1.0.0' },
    },
    'node_modules/dep': {
      version: '1.0.0',
      integrity: 'sha512-dep1',
      dependencies: { leaf: '^1.0.0' },
      optionalDependencies: { '@native/linux': '1.0.0', '@native/mac': '1.0.0' },
    },
    'node_modules/leaf': { version: '1.2.0', integrity: 'sha512-leaf', dev: true },
    'node_modules/@native/linux': {
      version: '1.0.0',
      integrity: 'sha512-native',
      os: ['linux'],
      optional: true,
    },
    'node_modules/devtool': { version: '1.0.0', integrity: 'sha512-devtool', dev: true },
  },
};

const manifest = (name: string, dependencies: Record<string, string>) => ({
  name,
  version: '1.0.0',
  dependencies,
});

describe('lockfileForTarballs', () => {
  const monorepoLock = join(dir, 'package-lock.json');
  writeFileSync(monorepoLock, JSON.stringify(MONOREPO));
  const { packageJson, lock } = lockfileForTarballs({
    monorepoLock,
    name: 'project',
    tarballs: [
      { manifest: manifest('@x/a', { '@x/b': '1.0.0', dep: '^2.0.0' }), resolved: 'file:../a.tgz' },
      { manifest: manifest('@x/b', { dep: '^1.0.0' }), resolved: 'file:../b.tgz' },
    ],
  });

  it('installs the tarballs as the project dependencies', () => {
    expect(packageJson).toEqual({
      name: 'project',
      private: true,
      dependencies: { '@x/a': 'file:../a.tgz', '@x/b': 'file:../b.tgz' },
    });
    expect(lock.packages['node_modules/@x/a']).toMatchObject({ version: '1.0.0', resolved: 'file:../a.tgz' });
  });

  it('keeps what the monorepo resolved, a workspace folder becoming the package folder', () => {
    expect(Object.keys(lock.packages).sort()).toEqual([
      '',
      'node_modules/@native/linux',
      'node_modules/@x/a',
      'node_modules/@x/a/node_modules/dep',
      'node_modules/@x/b',
      'node_modules/dep',
      'node_modules/leaf',
    ]);
    expect(lock.packages['node_modules/@x/a/node_modules/dep'].version).toBe('2.0.0');
  });

  it('drops the monorepo flags, marks what only optional dependencies need, adds registry URLs', () => {
    expect(lock.packages['node_modules/leaf']).toEqual({
      version: '1.2.0',
      integrity: 'sha512-leaf',
      resolved: 'https://registry.npmjs.org/leaf/-/leaf-1.2.0.tgz',
    });
    expect(lock.packages['node_modules/@native/linux']).toMatchObject({
      optional: true,
      resolved: 'https://registry.npmjs.org/@native/linux/-/linux-1.0.0.tgz',
    });
    expect(lock.packages['node_modules/dep'].optional).toBeUndefined();
  });
});
