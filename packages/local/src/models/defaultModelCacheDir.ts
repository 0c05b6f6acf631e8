import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where downloaded models are kept: `$TOKENSCOPE_CACHE_DIR` when set, else
 * `$XDG_CACHE_HOME/tokenscope/models`, else `~/.cache/tokenscope/models`.
 */
export function defaultModelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TOKENSCOPE_CACHE_DIR) return env.TOKENSCOPE_CACHE_DIR;
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'tokenscope', 'models');
}
