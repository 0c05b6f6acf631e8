/** The options of commands that talk to a remote API (`probe`, `ask --base-url`). */
import { displayUrl, type EndpointOptions } from '@tokenscope/providers';
import { type Command, InvalidArgumentError, Option } from 'commander';

/** `--base-url`, parsed: an http(s) URL without a user or password. Messages never repeat a key. */
export function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(
      `Expected an http:// or https:// URL such as http://127.0.0.1:8080/v1, got ${displayUrl(text)}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`Expected an http:// or https:// URL, got ${displayUrl(text)}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError(
      `Expected a URL without a user name or password, got ${displayUrl(text)} with one (user:key@host); pass the key with --api-key or $TOKENSCOPE_API_KEY.`,
    );
  }
  return text.replace(/\/+$/, '');
}

/** `--api-key`; its value is never printed. */
export function apiKeyOption(): Option {
  return new Option(
    '--api-key <key>',
    'API key, sent as "Authorization: Bearer <key>" (default: $TOKENSCOPE_API_KEY, else $OPENAI_API_KEY)',
  );
}

/** The API key: the flag, else `$TOKENSCOPE_API_KEY`, else `$OPENAI_API_KEY` (empty values skipped). */
export function resolveApiKey(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return [flag, env.TOKENSCOPE_API_KEY, env.OPENAI_API_KEY].find((k) => k !== undefined && k !== '');
}

/** The endpoint of `--base-url`, with the key (if any) and the per-request timeout (if given). */
export function endpointOf(
  baseURL: string,
  options: { apiKey?: string; timeout?: number },
  env: Readonly<Record<string, string | undefined>>,
): EndpointOptions {
  const apiKey = resolveApiKey(options.apiKey, env);
  return {
    baseURL,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
  };
}

/** Adds `--api-key` to a command. */
export function addApiKeyOption(command: Command): Command {
  return command.addOption(apiKeyOption());
}
