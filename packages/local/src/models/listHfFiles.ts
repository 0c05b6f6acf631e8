import { ModelDownloadError } from '../errors/ModelDownloadError.js';
import { ModelNotFoundError } from '../errors/ModelNotFoundError.js';
import { describeHttpStatus, describeNetworkError, OFFLINE_HINT } from './describeFailure.js';

export interface ListHfFilesOptions {
  endpoint: string;
  headers: Record<string, string>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** The file paths of a Hugging Face model repository (main branch), from the Hub's tree API. */
export async function listHfFiles(
  owner: string,
  repo: string,
  options: ListHfFilesOptions,
): Promise<string[]> {
  const url = `${options.endpoint}/api/models/${owner}/${repo}/tree/main?recursive=true`;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  let body: unknown;
  try {
    response = await (options.fetch ?? fetch)(url, { headers: options.headers, signal });
    if (response.ok) body = await response.json();
    else await response.body?.cancel().catch(() => undefined);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const cause = timeout.aborted
      ? `no response within ${options.timeoutMs / 1000} s`
      : describeNetworkError(error);
    throw new ModelDownloadError(url, `${cause}. ${OFFLINE_HINT}`, { cause: error });
  }
  if (response.status === 404) {
    throw new ModelNotFoundError(
      `hf:${owner}/${repo}`,
      `no repository ${owner}/${repo} on ${options.endpoint}`,
    );
  }
  if (!response.ok) {
    const tokenSent = 'Authorization' in options.headers;
    throw new ModelDownloadError(url, describeHttpStatus(response.status, response.statusText, tokenSent), {
      status: response.status,
    });
  }
  if (!Array.isArray(body))
    throw new ModelDownloadError(url, 'expected a JSON list of files; check HF_ENDPOINT');
  return body
    .filter((entry): entry is { type: string; path: string } => typeof entry?.path === 'string')
    .filter((entry) => entry.type === 'file')
    .map((entry) => entry.path);
}
