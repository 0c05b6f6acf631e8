import { spawn } from 'node:child_process';
import type { CliIo } from '../io/CliIo.js';

/** True when the app should open a browser: asked to, on a terminal, and not in CI. */
export function shouldOpenBrowser(open: boolean, io: CliIo): boolean {
  const ci = io.env.CI;
  return open && io.stdout.isTTY === true && (ci === undefined || ci === '' || ci === 'false');
}

/** The command that opens a URL in the default browser on this platform. */
function opener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Opens `url` in the default browser; a failure is one line on stderr, never an error. */
export function openBrowser(url: string, io: CliIo): void {
  const [command, args] = opener(url);
  const note = (reason: string) =>
    io.stderr.write(`tokenscope: could not open a browser (${command}: ${reason}); open ${url} yourself\n`);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error: NodeJS.ErrnoException) => note(error.code ?? error.message));
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) note(`exit code ${code}`);
    });
    child.unref();
  } catch (error) {
    note(error instanceof Error ? error.message : String(error));
  }
}
