import { isIP } from 'node:net';
import { startServer } from '@tokenscope/server';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from '../io/CliIo.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../models/openLocalModel.js';
import { integerAtLeast } from '../options/parseNumbers.js';

/** The options of `serve`, as commander parses them. */
interface ServeOptions extends LocalModelOptions {
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

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Builds `tokenscope serve`: the OpenAI-compatible API (`@tokenscope/server`) on a local model that
 * runs in a child process (restarted when it crashes). Runs until SIGINT or SIGTERM.
 */
export function serveCommand(io: CliIo): Command {
  const command = new Command('serve').description(
    'Serve a local GGUF model through an OpenAI-compatible API with real logprobs.',
  );
  addLocalModelOptions(command)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .addOption(
      new Option(
        '--api-key <key>',
        'require "Authorization: Bearer <key>" on every request (default: $TOKENSCOPE_API_KEY)',
      ).env('TOKENSCOPE_API_KEY'),
    );
  return command.action(async (options: ServeOptions) => {
    if (options.apiKey === '') delete options.apiKey;
    if (!isLoopback(options.host) && options.apiKey === undefined) {
      io.stderr.write(
        `tokenscope: warning: serving on ${options.host} without an API key: anyone who can reach this port can use the model (pass --api-key or set TOKENSCOPE_API_KEY)\n`,
      );
    }
    // Until the model is up, a signal ends the process the default way (the model process follows:
    // it exits when its IPC channel closes).
    const engine = await openLocalModel(options, io);
    try {
      const server = await startServer({
        engines: [engine],
        host: options.host,
        port: options.port,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        onServerError: (error) =>
          io.stderr.write(`tokenscope: ${error.status} ${error.type}: ${error.message}\n`),
      });
      const signalled = untilSignal();
      io.stdout.write(
        `Tokenscope serving ${engine.info.id} at ${server.url}/v1 (OpenAI-compatible; logprobs on)\n`,
      );
      const signal = await signalled;
      io.stderr.write(`tokenscope: ${signal}: shutting down\n`);
      await server.close();
    } finally {
      await engine.close();
    }
  });
}
