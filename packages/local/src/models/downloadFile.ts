import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidModelFileError } from '../errors/InvalidModelFileError.js';
import { ModelDownloadError } from '../errors/ModelDownloadError.js';
import { describeMagic, hasGgufMagic } from './checkGgufFile.js';
import { describeHttpStatus, describeNetworkError, OFFLINE_HINT } from './describeFailure.js';

/** Progress of a download; `totalBytes` is null when the server sends no Content-Length. */
export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
  url: string;
}

export interface DownloadOptions {
  url: string;
  /** Final path; the file appears under it only once complete and checked. */
  dest: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Most milliseconds to wait for the response headers. */
  timeoutMs: number;
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * Downloads a GGUF file: streams the body into a temporary file beside `dest`, checks the magic bytes
 * and the length, then renames it to `dest`. Nothing is left under `dest` (or the temporary name) when
 * anything fails. Aborting through `signal` rejects with the signal's reason.
 */
export async function downloadFile(options: DownloadOptions): Promise<void> {
  const { url, dest, signal } = options;
  const response = await request(options);
  const length = response.headers.get('content-length');
  const encoded = response.headers.get('content-encoding');
  const totalBytes = length !== null && /^\d+$/.test(length) && !encoded ? Number(length) : null;
  await mkdir(dirname(dest), { recursive: true });
  const temp = `${dest}.${randomUUID().slice(0, 8)}.partial`;
  const handle = await open(temp, 'w');
  let receivedBytes = 0;
  let head: Uint8Array = new Uint8Array(0);
  let complete = false;
  try {
    options.onProgress?.({ receivedBytes, totalBytes, url });
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        if (head.length < 4) {
          head = concat(head, chunk.subarray(0, 4 - head.length));
          if (head.length >= 4 && !hasGgufMagic(head)) {
            throw new InvalidModelFileError(
              url,
              `${describeMagic(head)}; check that the URL points at a .gguf file`,
            );
          }
        }
        await handle.write(chunk);
        receivedBytes += chunk.length;
        options.onProgress?.({ receivedBytes, totalBytes, url });
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof InvalidModelFileError) throw error;
      throw new ModelDownloadError(
        url,
        `the connection broke after ${receivedBytes} bytes (${describeNetworkError(error)}); try again`,
        { cause: error },
      );
    }
    if (!hasGgufMagic(head)) {
      throw new InvalidModelFileError(
        url,
        `${describeMagic(head)}; check that the URL points at a .gguf file`,
      );
    }
    if (totalBytes !== null && receivedBytes !== totalBytes) {
      throw new ModelDownloadError(
        url,
        `the connection ended after ${receivedBytes} of ${totalBytes} bytes; try again`,
      );
    }
    await handle.close();
    await rename(temp, dest);
    complete = true;
  } finally {
    if (!complete) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
  }
}

/** Sends the request; waits at most `timeoutMs` for the headers; throws on an error status. */
async function request(options: DownloadOptions): Promise<Response> {
  const { url, signal } = options;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: options.headers ?? {},
      redirect: 'follow',
      signal: combined,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const cause = timeout.signal.aborted
      ? `no response within ${options.timeoutMs / 1000} s`
      : describeNetworkError(error);
    throw new ModelDownloadError(url, `${cause}. ${OFFLINE_HINT}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const tokenSent = Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === 'authorization');
    throw new ModelDownloadError(url, describeHttpStatus(response.status, response.statusText, tokenSent), {
      status: response.status,
    });
  }
  if (!response.body)
    throw new ModelDownloadError(url, `the server sent no body (HTTP ${response.status}); try again`);
  return response;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
