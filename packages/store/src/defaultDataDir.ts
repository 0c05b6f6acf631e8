import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where Tokenscope keeps its data: `$TOKENSCOPE_DATA_DIR` (relative to the working folder when
 * relative), else `$XDG_DATA_HOME/tokenscope` (only when absolute, as the XDG spec asks), else
 * `~/.local/share/tokenscope`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const own = env.TOKENSCOPE_DATA_DIR;
  if (own !== undefined && own !== '') return resolve(own);
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'tokenscope');
  return join(home, '.local', 'share', 'tokenscope');
}
