import {
  type EndpointOptions,
  getAdapter,
  type LogprobRequest,
  PROVIDER_IDS,
  type ProviderAdapter,
  type ProviderId,
} from '@tokenscope/providers';
import { type Command, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { apiKeyOption, endpointOf, parseBaseUrl } from '../options/remoteOptions.js';

/** The options of `ask` that send the prompt to a remote API instead of a local model. */
export interface RemoteAskOptions {
  baseUrl?: string;
  provider: ProviderId;
  apiKey?: string;
  model?: string;
  topLogprobs: number | 'all';
  maxTokens: number;
  temperature: number;
  topP?: number;
  seed?: number;
  stop?: string[];
}

/** `--base-url`, `--provider`, `--api-key`. */
export function addRemoteOptions(command: Command): Command {
  return command
    .option(
      '--base-url <url>',
      'ask a remote API instead of a local model (e.g. http://127.0.0.1:8080/v1); --model names the remote model',
      parseBaseUrl,
    )
    .addOption(
      new Option('--provider <id>', 'with --base-url: the API it speaks')
        .choices(PROVIDER_IDS)
        .default('openai-chat' as ProviderId),
    )
    .addOption(apiKeyOption());
}

/** What `ask --base-url` sends: the adapter, the endpoint and the request, checked. */
export interface RemoteAsk {
  adapter: ProviderAdapter;
  endpoint: EndpointOptions;
  request: LogprobRequest;
}

/**
 * Checks the options of `ask --base-url` and builds its request for the `--provider` adapter. The
 * caller asks for logprobs (`adapter.complete`: a refusal, or a server that ignores logprobs, is the
 * adapter's one-line `LogprobsUnsupportedError`) or samples answers (`sampleAnswers`).
 */
export function remoteAsk(
  prompt: string,
  baseURL: string,
  options: RemoteAskOptions,
  io: CliIo,
  given: (option: string) => boolean,
): RemoteAsk {
  if (options.model === undefined) {
    throw new UsageError(
      '--base-url needs --model: the model id the remote API knows (tokenscope probe lists them)',
    );
  }
  if (options.topLogprobs === 'all') {
    throw new UsageError(
      '--top-logprobs all needs a local model; remote APIs take an integer (most allow 20 at most)',
    );
  }
  for (const local of ['contextSize', 'chat', 'distribution']) {
    if (given(local)) {
      const flag = `--${local.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new UsageError(`${flag} is for local models and cannot be used with --base-url`);
    }
  }
  return {
    adapter: getAdapter(options.provider),
    endpoint: endpointOf(baseURL, options, io.env),
    request: {
      model: options.model,
      prompt,
      topLogprobs: options.topLogprobs,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      ...(options.topP === undefined ? {} : { topP: options.topP }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.stop === undefined ? {} : { stop: options.stop }),
    },
  };
}
