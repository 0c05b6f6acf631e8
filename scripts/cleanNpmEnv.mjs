/**
 * The environment for npm and node commands run in another folder, without what `npm test` or
 * `npm run bench` set for this repository (its package, its lifecycle, its prefix and workspaces).
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanNpmEnv(env = process.env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !/^npm_(package|lifecycle)_|^npm_config_(local_prefix|workspaces?)$/i.test(key),
    ),
  );
}
