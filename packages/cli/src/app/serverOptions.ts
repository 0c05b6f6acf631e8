import { isIP } from 'node:net';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from '../io/CliIo.js';
import { integerAtLeast } from '../options/parseNumbers.js';
import { addStoreOptions, type StoreCliOptions } from './openStore.js';

/** The options every server command has (`serve`, `app`). */
export interface ServerCliOptions extends StoreCliOptions {
  host: string;
  port: number;
  apiKey?: string;
}

/** True for addresses only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '::ffff:127.0.0.1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

function parsePort(text: string): number {
  const port = integerAtLeast(0)(text);
  if (port > 65535) throw new InvalidArgumentError(`Expected a port in 0..65535, got ${text}.`);
  return port;
}

/** `--host`, `--port`, `--api-key`, `--data-dir` and `--database-url`. */
export function addServerOptions(command: Command, portHelp: string): Command {
  return addStoreOptions(command)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', portHelp, parsePort, 8080)
    .addOption(
      new Option(
        '--api-key <key>',
        'require "Authorization: Bearer <key>" on every API request (default: $TOKENSCOPE_API_KEY)',
      ).env('TOKENSCOPE_API_KEY'),
    );
}

/** Drops an empty `--api-key` and warns when the server is reachable from other machines without one. */
export function checkExposure(options: ServerCliOptions, io: CliIo, what: string): void {
  if (options.apiKey === '') delete options.apiKey;
  if (!isLoopback(options.host) && options.apiKey === undefined) {
    io.stderr.write(
      `tokenscope: warning: serving on ${options.host} without an API key: anyone who can reach this port can use ${what} (pass --api-key or set TOKENSCOPE_API_KEY)\n`,
    );
  }
}
