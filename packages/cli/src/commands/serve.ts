import type { Engine } from '@tokenscope/local';
import {
  createModelCatalog,
  DEFAULT_STALL_TIMEOUT_MS,
  type ModelCatalog,
  startServer,
} from '@tokenscope/server';
import type { RunStore } from '@tokenscope/store';
import { Command } from 'commander';
import { listenOnFreePort } from '../app/listenOnFreePort.js';
import { openStore } from '../app/openStore.js';
import { addServerOptions, checkExposure, type ServerCliOptions } from '../app/serverOptions.js';
import type { CliIo } from '../io/CliIo.js';
import { packageVersion } from '../io/packageVersion.js';
import { untilSignal } from '../io/untilSignal.js';
import { findDefaultModel } from '../models/findDefaultModel.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../models/openLocalModel.js';
import { corsOption } from '../options/corsOption.js';
import { addOtlpOptions, type OtlpCliOptions, openTelemetry } from '../options/otlpOptions.js';
import { integerAtLeast } from '../options/parseNumbers.js';

export { isLoopback } from '../app/serverOptions.js';

/** The options of `serve`, as commander parses them. */
interface ServeOptions extends LocalModelOptions, ServerCliOptions, OtlpCliOptions {
  app: boolean;
  record?: boolean;
  cors?: string[];
  stallTimeout: number;
}

/** The served engine for the app's catalog: the app shares it and never closes it (serve does). */
function shared(engine: Engine): Engine {
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === 'close') return async () => {};
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Builds `tokenscope serve`: the OpenAI-compatible API (`@tokenscope/server`) on a local model that
 * runs in a child process (restarted when it crashes), plus the X-ray web app at `/` and its `/api`
 * with the run history (`--no-app`: `/v1` only). Runs until SIGINT or SIGTERM.
 */
export function serveCommand(io: CliIo): Command {
  const command = new Command('serve').description(
    'Serve a local GGUF model through an OpenAI-compatible API with real logprobs, and the X-ray web app.',
  );
  addLocalModelOptions(command);
  addServerOptions(command, 'port to listen on (0: any free port)')
    .option('--no-app', 'serve only the OpenAI-compatible /v1 API (no web app, no run history)')
    .option(
      '--record',
      'save every /v1 answer in the run history (dataset from the X-Tokenscope-Dataset header), to see the traffic in the app',
    );
  command
    .addOption(corsOption('/v1'))
    .option(
      '--stall-timeout <ms>',
      'abort a stream whose client stopped reading for this long, freeing the model (0: never)',
      integerAtLeast(0),
      DEFAULT_STALL_TIMEOUT_MS,
    );
  addOtlpOptions(command, 'answered chat completion and completion');
  return command.action(async (options: ServeOptions) => {
    checkExposure(options, io, 'the model');
    const telemetry = openTelemetry(options, io); // startServer's close() shuts it down
    let source = '--model';
    if (options.model === undefined) {
      const found = findDefaultModel(io.env, process.cwd());
      io.stderr.write(`model: ${found.name} (from ${found.from})\n`);
      options.model = found.ref;
      source = found.from;
    }
    // Until the model is up, a signal ends the process the default way (the model process follows:
    // it exits when its IPC channel closes).
    let store: RunStore | undefined;
    let catalog: ModelCatalog | undefined;
    const engine = await openLocalModel(options, io);
    try {
      if (options.app || options.record === true) {
        store = await openStore(options, io);
      }
      if (options.app && store) {
        catalog = createModelCatalog({
          models: [{ id: engine.info.id, path: engine.info.path }],
          defaultModel: { id: engine.info.id, source },
          startEngine: async () => shared(engine),
        });
      }
      const apiKey = options.apiKey;
      const server = await listenOnFreePort(
        startServer,
        {
          engines: [engine],
          host: options.host,
          port: options.port,
          ...(apiKey === undefined ? {} : { apiKey }),
          ...(options.cors === undefined ? {} : { cors: options.cors }),
          ...(telemetry === undefined ? {} : { telemetry }),
          stallTimeoutMs: options.stallTimeout,
          onStall: (request) =>
            io.stderr.write(
              `tokenscope: ${request.method} ${request.path}: the client stopped reading for ${options.stallTimeout} ms; its answer was aborted\n`,
            ),
          ...(store && catalog ? { app: { store, catalog, version: packageVersion() } } : {}),
          ...(store && options.record === true
            ? {
                record: {
                  store,
                  onError: (error: Error) =>
                    io.stderr.write(`tokenscope: recording failed: ${error.message}\n`),
                },
              }
            : {}),
          onServerError: (error) =>
            io.stderr.write(`tokenscope: ${error.status} ${error.type}: ${error.message}\n`),
        },
        true,
      );
      const signalled = untilSignal();
      const lines = [
        `Tokenscope serving ${engine.info.id} at ${server.url}/v1 (OpenAI-compatible; logprobs on)`,
      ];
      if (store && catalog) lines.push(`X-ray web app at ${server.url}/ (runs saved in ${store.location})`);
      if (store && options.record === true) lines.push(`Recording every /v1 answer in ${store.location}`);
      io.stdout.write(`${lines.join('\n')}\n`);
      const reader = engine.info.logitsReader;
      if (reader !== undefined && reader !== 'native')
        io.stderr.write(`tokenscope: logprobs read through ${reader}\n`);
      const signal = await signalled;
      io.stderr.write(`tokenscope: ${signal}: shutting down\n`);
      await server.close();
    } finally {
      await catalog?.close();
      await store?.close();
      await engine.close();
    }
  });
}
