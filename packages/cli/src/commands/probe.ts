import { probeEndpoint } from '@tokenscope/providers';
import { Command } from 'commander';
import type { CliIo } from '../io/CliIo.js';
import { checkJsonAlias, formatOption, jsonAliasOption } from '../options/formatOption.js';
import { integerAtLeast } from '../options/parseNumbers.js';
import { apiKeyOption, endpointOf, parseBaseUrl } from '../options/remoteOptions.js';
import { renderProbeTable } from './renderProbeTable.js';

/** Formats of `probe --format`. */
export const PROBE_FORMATS = ['text', 'json'] as const;

/** The options of `probe`, as commander parses them. */
interface ProbeOptions {
  baseUrl: string;
  model?: string;
  apiKey?: string;
  format: (typeof PROBE_FORMATS)[number];
  json?: boolean;
  pretty?: boolean;
  timeout?: number;
}

/**
 * Builds `tokenscope probe`: a handful of tiny requests that find out what an OpenAI-compatible
 * endpoint does with logprobs (`probeEndpoint` of @tokenscope/providers), printed as a table or JSON.
 */
export function probeCommand(io: CliIo): Command {
  return new Command('probe')
    .description(
      'Find out what an OpenAI-compatible endpoint really does with logprobs (a few tiny requests).',
    )
    .requiredOption('--base-url <url>', 'the API to probe, e.g. http://127.0.0.1:8080/v1', parseBaseUrl)
    .option('-m, --model <model>', 'the model the requests name (default: the first one GET /models lists)')
    .addOption(apiKeyOption())
    .addOption(
      formatOption(PROBE_FORMATS, {
        default: 'text',
        description: 'text: a table; json: the whole report (every request sent, its status and error text)',
      }),
    )
    .addOption(jsonAliasOption())
    .option('--pretty', 'json: indent the output')
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default 60000)', integerAtLeast(1))
    .action(async (options: ProbeOptions) => {
      checkJsonAlias(options);
      const endpoint = endpointOf(options.baseUrl, options, io.env);
      const report = await probeEndpoint(
        endpoint,
        options.model === undefined ? {} : { model: options.model },
      );
      io.stdout.write(
        options.format === 'json'
          ? `${JSON.stringify(report, null, options.pretty === true ? 2 : undefined)}\n`
          : renderProbeTable(report),
      );
    });
}
