import { ExchangeTelemetry, otlpTracesUrl } from '@tokenscope/server';
import { type Command, InvalidArgumentError } from 'commander';
import type { CliIo } from '../io/CliIo.js';

/** `--otlp-endpoint` and `--otlp-content`, as commander parses them. */
export interface OtlpCliOptions {
  otlpEndpoint?: string;
  otlpContent?: boolean;
}

function parseEndpoint(text: string): string {
  try {
    otlpTracesUrl(text, {});
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message.replace(/^invalid otlp-endpoint: e/, 'E')}.`);
  }
  return text;
}

/** Adds `--otlp-endpoint <url>` and `--otlp-content` (one span per exchange, see docs/server.md). */
export function addOtlpOptions(command: Command, what: string): Command {
  return command
    .option(
      '--otlp-endpoint <url>',
      `export an OpenTelemetry span per ${what} (GenAI conventions + Tokenscope's confidence figures) to this OTLP/HTTP receiver, e.g. http://127.0.0.1:4318 (default: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT; none: nothing is exported)`,
      parseEndpoint,
    )
    .option(
      '--otlp-content',
      'put the prompt and answer text in the spans (gen_ai.input.messages, gen_ai.output.messages; default: left out)',
    );
}

/**
 * The telemetry the options ask for (`service.name` from OTEL_SERVICE_NAME, else `tokenscope`), or
 * undefined when no endpoint is set by option or environment. Says where spans go on stderr.
 */
export function openTelemetry(options: OtlpCliOptions, io: CliIo): ExchangeTelemetry | undefined {
  const tracesUrl = otlpTracesUrl(options.otlpEndpoint, io.env);
  if (tracesUrl === undefined) return undefined;
  const serviceName = io.env.OTEL_SERVICE_NAME?.trim();
  io.stderr.write(
    `tokenscope: exporting a span per exchange to ${tracesUrl}${options.otlpContent ? ' (with prompt and answer text)' : ''}\n`,
  );
  return new ExchangeTelemetry({
    tracesUrl,
    ...(options.otlpContent === true ? { content: true } : {}),
    ...(serviceName ? { serviceName } : {}),
    onExportError: (error) =>
      io.stderr.write(`tokenscope: the spans could not be exported to ${tracesUrl}: ${error.message}\n`),
  });
}
