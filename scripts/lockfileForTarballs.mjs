/**
 * A package-lock.json for a project that installs packed workspace tarballs, built from the
 * monorepo's own package-lock.json, so that `npm install --offline` needs nothing but the tarballs
 * and the npm cache.
 *
 * Why: without a lock, npm resolves every range from the registry's metadata (packuments), which
 * `npm ci` never downloads (its lock gives each package's version and integrity), so an offline
 * install of the bare tarballs fails with ENOTCACHED. With this lock npm resolves nothing: it takes
 * each dependency's version and integrity from the lock and the tarball from the cache, exactly the
 * versions the monorepo's lock pins (the ones `npm ci` installed and the tests ran against).
 *
 * Each entry gets its registry tarball URL (`resolved`) when the monorepo's lock omits it (npm's
 * `omit-lockfile-registry-resolved`): without it npm asks the registry for the package's metadata
 * just to find the tarball, which offline works only if that metadata happens to be cached.
 */
import { readFileSync } from 'node:fs';

/** Flags that describe a package's place in the monorepo, not in the installing project. */
const MONOREPO_FLAGS = ['dev', 'devOptional', 'optional', 'peer', 'extraneous'];

/**
 * @param {object} options
 * @param {string} options.monorepoLock path of the monorepo's package-lock.json (lockfileVersion 3)
 * @param {{ manifest: { name: string, version: string, dependencies?: Record<string, string>,
 *   optionalDependencies?: Record<string, string>, bin?: unknown, engines?: unknown, license?: string,
 *   scripts?: Record<string, string> },
 *   resolved: string }[]} options.tarballs
 *   each tarball's package.json and its `file:` spec relative to the installing project
 * @param {string} options.name the installing project's name
 * @param {string} [options.registry] the registry the monorepo's lock came from (npm's default)
 * @returns {{ packageJson: object, lock: object }}
 */
export function lockfileForTarballs({
  monorepoLock,
  tarballs,
  name,
  registry = 'https://registry.npmjs.org/',
}) {
  const source = JSON.parse(readFileSync(monorepoLock, 'utf8')).packages;
  const ours = new Map(tarballs.map((t) => [t.manifest.name, t]));
  /** Workspace folder (packages/cli) → its package name (tokenscope). */
  const workspaceName = new Map();
  for (const [key, entry] of Object.entries(source)) {
    if (entry.link === true && key.startsWith('node_modules/')) {
      workspaceName.set(entry.resolved, key.slice('node_modules/'.length));
    }
  }
  const dependencies = Object.fromEntries(tarballs.map((t) => [t.manifest.name, t.resolved]));
  const packages = { '': { name, dependencies } };
  /** Lock keys (in the project) that are reached only through optional dependencies so far. */
  const optionalOnly = new Set();

  /** The source key Node's resolution finds for `dep` required from the package at `from`. */
  const resolve = (from, dep) => {
    let at = from;
    for (;;) {
      const key = at === '' ? `node_modules/${dep}` : `${at}/node_modules/${dep}`;
      if (source[key] !== undefined) return key;
      if (at === '') return undefined;
      const cut = at.lastIndexOf('/node_modules/');
      at = cut === -1 ? '' : at.slice(0, cut);
    }
  };
  /** A source key as a key of the project's lock: packages/server/… → node_modules/@tokenscope/server/…. */
  const target = (key) => {
    for (const [folder, wsName] of workspaceName) {
      if (key === folder || key.startsWith(`${folder}/`))
        return `node_modules/${wsName}${key.slice(folder.length)}`;
    }
    return key;
  };

  const visit = (from, edges, optional) => {
    for (const [dep, isOptional] of edges) {
      const key = resolve(from, dep);
      if (key === undefined) {
        if (isOptional) continue;
        throw new Error(
          `${dep} (needed by ${from || 'the project'}) is not in ${monorepoLock}: run npm install`,
        );
      }
      const entry = source[key];
      if (entry.link === true) {
        if (!ours.has(dep)) throw new Error(`${from} depends on the workspace ${dep}, which is not packed`);
        continue;
      }
      const to = target(key);
      const edgeOptional = optional || isOptional;
      if (packages[to] !== undefined) {
        if (!edgeOptional && optionalOnly.delete(to)) visit(key, edgesOf(entry), false);
        continue;
      }
      const copy = { ...entry };
      for (const flag of MONOREPO_FLAGS) delete copy[flag];
      if (copy.resolved === undefined) copy.resolved = tarballUrl(registry, key, entry);
      packages[to] = copy;
      if (edgeOptional) optionalOnly.add(to);
      visit(key, edgesOf(entry), edgeOptional);
    }
  };

  for (const t of tarballs) {
    const { manifest } = t;
    const folder = [...workspaceName].find(([, n]) => n === manifest.name)?.[0];
    if (folder === undefined) throw new Error(`${manifest.name} is not a workspace of ${monorepoLock}`);
    const entry = { version: manifest.version, resolved: t.resolved };
    for (const field of ['license', 'dependencies', 'optionalDependencies', 'bin', 'engines']) {
      if (manifest[field] !== undefined) entry[field] = manifest[field];
    }
    // npm runs a locked package's install scripts only when its lock entry says it has them.
    const scripts = manifest.scripts ?? {};
    if (['preinstall', 'install', 'postinstall'].some((s) => scripts[s] !== undefined))
      entry.hasInstallScript = true;
    packages[`node_modules/${manifest.name}`] = entry;
    visit(folder, edgesOf(manifest), false);
  }
  for (const key of optionalOnly) packages[key].optional = true;
  return {
    packageJson: { name, private: true, dependencies },
    lock: { name, lockfileVersion: 3, requires: true, packages },
  };
}

/** A package's dependency edges: [name, optional], peers included (npm installs them). */
function edgesOf(manifest) {
  const edges = new Map();
  const optionalPeers = manifest.peerDependenciesMeta ?? {};
  for (const dep of Object.keys(manifest.peerDependencies ?? {})) {
    if (optionalPeers[dep]?.optional !== true) edges.set(dep, false);
  }
  for (const dep of Object.keys(manifest.dependencies ?? {})) edges.set(dep, false);
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) edges.set(dep, true);
  return edges;
}

/** npm's tarball URL of a registry package: …/@scope/name/-/name-1.2.3.tgz. */
function tarballUrl(registry, key, entry) {
  const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const base = registry.endsWith('/') ? registry : `${registry}/`;
  return `${base}${name}/-/${name.slice(name.lastIndexOf('/') + 1)}-${entry.version}.tgz`;
}
