import type { RunRecord } from '@tokenscope/core';
import { DEFAULT_PROXY_TOP_LOGPROBS, startProxy, UpstreamUrl } from '@tokenscope/server';
import type { RunStore } from '@tokenscope/store';
import { Command, InvalidArgumentError } from 'commander';
import { listenOnFreePort } from '../app/listenOnFreePort.js';
import { addStoreOptions, openStore, type StoreCliOptions } from '../app/openStore.js';
import { isLoopback } from '../app/serverOptions.js';
import type { CliIo } from '../io/CliIo.js';
import { untilSignal } from '../io/untilSignal.js';
import { corsOption } from '../options/corsOption.js';
import { addOtlpOptions, type OtlpCliOptions, openTelemetry } from '../options/otlpOptions.js';
import { integerAtLeast } from '../options/parseNumbers.js';

/** The options of `proxy`, as commander parses them. */
interface ProxyCliOptions extends StoreCliOptions, OtlpCliOptions {
  upstream: string;
  host: string;
  port: number;
  topLogprobs: number;
  record: boolean;
  cors?: string[];
}

/** Port the proxy listens on by default (beside `serve`'s 8080). */
export const DEFAULT_PROXY_PORT = 8090;

function parsePort(text: string): number {
  const port = integerAtLeast(0)(text);
  if (port > 65535) throw new InvalidArgumentError(`Expected a port in 0..65535, got ${text}.`);
  return port;
}

/** One line per recorded run: id, model, size and confidence, title. */
function describeRun(run: RunRecord): string {
  const s = run.summary;
  const mean = Number.isFinite(s.meanLogprob) ? s.meanLogprob.toFixed(2) : 'n/a';
  return `recorded ${run.id} · ${run.model} · ${s.tokens} tokens · mean logprob ${mean} · ${s.flaggedTokens} flagged · "${run.title}"`;
}

/**
 * Builds `tokenscope proxy`: an OpenAI-compatible pass-through to `--upstream` that adds logprobs to
 * requests, gives each client exactly what it asked for, and records every exchange in the run
 * history (shown by `tokenscope app`). Runs until SIGINT or SIGTERM.
 */
export function proxyCommand(io: CliIo): Command {
  const command = addStoreOptions(new Command('proxy'))
    .description(
      'Put a recording proxy between an OpenAI-compatible application and its server: logprobs added, recorded in the run history, stripped from what the application gets.',
    )
    .requiredOption(
      '--upstream <url>',
      "the upstream's base URL, as the application's OpenAI base URL (e.g. http://127.0.0.1:8080/v1)",
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, DEFAULT_PROXY_PORT)
    .option(
      '--top-logprobs <k>',
      'alternatives per token to ask the upstream for (a client that asks for more gets more)',
      integerAtLeast(0),
      DEFAULT_PROXY_TOP_LOGPROBS,
    )
    .option(
      '--no-record',
      'forward only: record nothing (logprobs are then not added either, unless spans are exported: --otlp-endpoint)',
    )
    .addOption(corsOption('the proxy'));
  return addOtlpOptions(command, 'chat completion, completion and response passed to the upstream').action(
    async (options: ProxyCliOptions) => {
      const upstream = new UpstreamUrl(options.upstream); // checked before anything is opened
      if (!isLoopback(options.host)) {
        io.stderr.write(
          `tokenscope: warning: the proxy listens on ${options.host}: anyone who can reach this port can call the upstream through it${options.record ? ', and their exchanges are recorded' : ''}\n`,
        );
      }
      const store: RunStore | undefined = options.record ? await openStore(options, io) : undefined;
      const telemetry = openTelemetry(options, io); // startProxy's close() shuts it down
      try {
        // no fallback to the next port: the application is configured with this one
        const server = await listenOnFreePort(
          startProxy,
          {
            upstream: options.upstream,
            host: options.host,
            port: options.port,
            topLogprobs: options.topLogprobs,
            ...(options.cors === undefined ? {} : { cors: options.cors }),
            ...(store && { store }),
            ...(telemetry && { telemetry }),
            onRecord: (run) => io.stdout.write(`${describeRun(run)}\n`),
            onRecordError: (error) => io.stderr.write(`tokenscope: ${error.message}\n`),
          },
          true,
        );
        const signalled = untilSignal();
        const what = store
          ? `adds top-${options.topLogprobs} logprobs; runs saved in ${store.location}`
          : telemetry
            ? `not recording; adds top-${options.topLogprobs} logprobs for the spans`
            : 'not recording: requests forwarded as they are';
        io.stdout.write(`Tokenscope proxy at ${server.url}/v1 -> ${upstream.display} (${what})\n`);
        const signal = await signalled;
        io.stderr.write(`tokenscope: ${signal}: shutting down\n`);
        await server.close();
      } finally {
        await store?.close();
      }
    },
  );
}
