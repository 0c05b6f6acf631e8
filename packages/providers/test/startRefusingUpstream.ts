/**
 * Starts `scripts/logprobsRefusingUpstream.mjs` with `node` in front of an OpenAI-compatible server
 * and resolves once it listens; `close` stops it by its pid. What it received is in `log`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../scripts/logprobsRefusingUpstream.mjs', import.meta.url));

export interface RefusingUpstream {
  /** Base URL including `/v1`. */
  baseURL: string;
  pid: number;
  /** One line per request received: `POST /v1/chat/completions logprobs=yes temperature=0.7`. */
  log: string[];
  close(): Promise<void>;
}

export function startRefusingUpstream(
  upstream: string,
  mode: 'refuse' | 'drop' | 'pass',
  options: { refuseTemperature?: boolean; refuseMaxTokens?: boolean } = {},
): Promise<RefusingUpstream> {
  const args = [SCRIPT, '--upstream', upstream, '--mode', mode];
  if (options.refuseTemperature) args.push('--refuse-temperature');
  if (options.refuseMaxTokens) args.push('--refuse-max-tokens');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const log: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`logprobsRefusingUpstream.mjs exited with ${code}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const listening = /^listening (\S+)$/.exec(line);
        if (listening) {
          resolve({
            baseURL: listening[1]!,
            pid: child.pid!,
            log,
            close: async () => {
              if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
              await exited;
            },
          });
        } else log.push(line);
        nl = buffer.indexOf('\n');
      }
    });
  });
}
