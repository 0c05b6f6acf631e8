import type { Engine, ModelInfo } from '@tokenscope/local';
import { createModelCatalog, type ModelCatalog, startServer } from '@tokenscope/server';
import type { RunStore } from '@tokenscope/store';
import { Command } from 'commander';
import { findAppModels } from '../app/findAppModels.js';
import { listenOnFreePort } from '../app/listenOnFreePort.js';
import { openBrowser, shouldOpenBrowser } from '../app/openBrowser.js';
import { openStore } from '../app/openStore.js';
import { addServerOptions, checkExposure, type ServerCliOptions } from '../app/serverOptions.js';
import type { CliIo } from '../io/CliIo.js';
import { packageVersion } from '../io/packageVersion.js';
import { untilSignal } from '../io/untilSignal.js';
import { addLocalModelOptions, type LocalModelOptions } from '../models/openLocalModel.js';

interface AppCommandOptions extends LocalModelOptions, ServerCliOptions {
  open: boolean;
}

/** `(model stories260K, found in ../shared/models; runs saved in …)`. */
function where(models: Awaited<ReturnType<typeof findAppModels>>, store: RunStore): string {
  const model = models.defaultModel;
  const found =
    model === undefined
      ? 'no local model found'
      : model.source === '--model'
        ? `model ${model.id}, from --model`
        : model.source.startsWith('$')
          ? `model ${model.id}, from ${model.source}`
          : `model ${model.id}, found in ${model.source}`;
  return `(${found}; runs saved in ${store.location})`;
}

/** `/v1` on the catalog's models: a model starts on its first request; `/v1/models` lists the started ones. */
function v1Engines(catalog: ModelCatalog) {
  const started = new Map<string, Engine>();
  return {
    engines: async (id: string): Promise<Engine | undefined> => {
      if (!catalog.list().some((m) => m.id === id)) return undefined;
      const engine = await catalog.engine(id);
      started.set(id, engine);
      return engine;
    },
    listModels: (): ModelInfo[] => [...started.values()].map((engine) => engine.info),
    warm: (id: string) => catalog.engine(id).then((engine) => void started.set(id, engine)),
  };
}

/**
 * Builds `tokenscope app` (also what `tokenscope` with no arguments runs): the X-ray web app on the
 * default local model, with the run history, `/api` and `/v1` on one server; opens the browser.
 */
export function appCommand(io: CliIo): Command {
  const command = new Command('app').description(
    'Open the X-ray web app on the default local model (what `tokenscope` with no arguments runs).',
  );
  addLocalModelOptions(command);
  addServerOptions(
    command,
    'port to listen on (0: any free port; when the default is taken, the next free one)',
  ).option('--no-open', 'do not open a browser (never opened when stdout is not a terminal or $CI is set)');
  return command.action(async (options: AppCommandOptions) => {
    checkExposure(options, io, 'the app and its run history');
    const store = await openStore(options, io);
    let catalog: ModelCatalog | undefined;
    try {
      const models = await findAppModels(options.model, io, process.cwd());
      catalog = createModelCatalog({
        models: models.models,
        ...(models.defaultModel
          ? { defaultModel: { id: models.defaultModel.id, source: models.defaultModel.source } }
          : {}),
        ...(models.help === undefined ? {} : { help: models.help }),
        engineOptions: {
          threads: options.threads ?? 1,
          ...(options.contextSize === undefined ? {} : { contextSize: options.contextSize }),
        },
      });
      const v1 = v1Engines(catalog);
      const apiKey = options.apiKey;
      const server = await listenOnFreePort(
        startServer,
        {
          engines: v1.engines,
          listModels: v1.listModels,
          host: options.host,
          port: options.port,
          ...(apiKey === undefined ? {} : { apiKey }),
          app: { store, catalog, version: packageVersion(), ...(apiKey === undefined ? {} : { apiKey }) },
          onServerError: (error) =>
            io.stderr.write(`tokenscope: ${error.status} ${error.type}: ${error.message}\n`),
        },
        command.getOptionValueSource('port') !== 'default',
      );
      const signalled = untilSignal();
      const url = `${server.url}/`;
      const help = models.help === undefined ? '' : `${models.help}\n`;
      io.stdout.write(`Tokenscope X-ray: ${url}  ${where(models, store)}\n${help}`);
      if (models.defaultModel !== undefined) {
        // Start the default model now, so the first run does not wait for it.
        v1.warm(models.defaultModel.id).catch((error: unknown) =>
          io.stderr.write(
            `tokenscope: the model ${models.defaultModel?.id} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
        );
      }
      if (shouldOpenBrowser(options.open, io)) openBrowser(url, io);
      const signal = await signalled;
      io.stderr.write(`tokenscope: ${signal}: shutting down\n`);
      await server.close();
    } finally {
      await catalog?.close();
      await store.close();
    }
  });
}
