/**
 * What the end-to-end tests run: the CLI's dist (`tsc -b packages/cli`) and the web app's dist
 * (`vite build`, only when a source file is newer than dist/index.html), both under the build lock
 * the CLI tests share, so no two builds write the same files at once.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildProject, withBuildLock } from '../../local/test/buildLocal.js';
import { REPO_ROOT } from './tokenscopeProcess.js';

const WEB = join(REPO_ROOT, 'packages/web');
const WEB_INPUTS = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'xray.html'),
  join(WEB, 'vite.config.ts'),
  join(REPO_ROOT, 'packages/core/src'),
];

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newest(path: string): number {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** True when packages/web/dist is missing or older than a source of the web app. */
export function webDistIsStale(): boolean {
  const built = newest(join(WEB, 'dist/index.html'));
  return built === 0 || WEB_INPUTS.some((input) => newest(input) > built);
}

/** Builds the CLI and, when stale, the web app. */
export function ensureAppBuilt(): void {
  buildProject('packages/cli');
  withBuildLock(() => {
    if (!webDistIsStale()) return;
    try {
      execFileSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', WEB, '--logLevel', 'warn'],
        { cwd: REPO_ROOT, stdio: 'pipe' },
      );
    } catch (error) {
      const out = String((error as { stderr?: Buffer }).stderr ?? '');
      throw new Error(`vite build packages/web failed:\n${out}`);
    }
  });
}
