import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { InvalidModelRefError } from './errors/InvalidModelRefError.js';
import { checkGgufFile, hasGgufMagic } from './models/checkGgufFile.js';
import { defaultModelCacheDir } from './models/defaultModelCacheDir.js';
import { type DownloadProgress, downloadFile } from './models/downloadFile.js';
import { listHfFiles } from './models/listHfFiles.js';
import { type ModelRef, parseModelRef } from './models/parseModelRef.js';
import { DEFAULT_QUANT, pickQuantFile } from './models/pickQuantFile.js';

export type { DownloadProgress } from './models/downloadFile.js';

export interface ResolveModelOptions {
  /** Where downloads are kept. Default: `defaultModelCacheDir()` ($TOKENSCOPE_CACHE_DIR, XDG, ~/.cache). */
  cacheDir?: string;
  /** Called as bytes arrive (and once with 0 before the first). */
  onProgress?: (progress: DownloadProgress) => void;
  /** Aborts the download; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The fetch to use (tests). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Hugging Face endpoint. Default: $HF_ENDPOINT or https://huggingface.co. */
  hfEndpoint?: string;
  /** Token sent (as `Authorization: Bearer …`) to the Hugging Face endpoint only. Default: $HF_TOKEN. */
  hfToken?: string;
  /** Most milliseconds to wait for a server's response headers. Default 30,000. */
  timeoutMs?: number;
}

export interface ResolvedModel {
  /** Absolute path of a local GGUF file. */
  path: string;
  /** `path`: the reference was a local file; `cache`: downloaded before; `download`: downloaded now. */
  source: 'path' | 'cache' | 'download';
}

/**
 * Turns a model reference into a local GGUF file, downloading it into the cache when needed. Accepts a
 * file path, an http(s) URL, `hf:owner/repo/file.gguf`, `owner/repo/file.gguf` (when no such local file
 * exists) and `hf:owner/repo:QUANT` (see `parseModelRef`). Downloads go to a temporary file renamed
 * only when complete and checked, so the cache never holds a partial model under its final name.
 */
export async function resolveModel(ref: string, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const parsed = parseModelRef(ref);
  const localPath =
    parsed.kind === 'path'
      ? parsed.path
      : parsed.kind !== 'url' && parsed.bare && existsSync(ref)
        ? ref
        : null;
  if (localPath !== null || parsed.kind === 'path') {
    const path = resolve(localPath ?? ref);
    await checkGgufFile(path, ref);
    return { path, source: 'path' };
  }
  const cacheDir = resolve(options.cacheDir ?? defaultModelCacheDir());
  const endpoint = (options.hfEndpoint ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(
    /\/+$/,
    '',
  );
  const token = options.hfToken ?? process.env.HF_TOKEN;
  const hfHeaders: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const timeoutMs = options.timeoutMs ?? 30_000;
  const common = {
    timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };

  const target = await locate(parsed, ref, cacheDir, endpoint, { ...common, endpoint, headers: hfHeaders });
  if (target.cached ?? (await isCachedGguf(target.dest))) return { path: target.dest, source: 'cache' };
  const sendToken =
    target.url.startsWith(`${endpoint}/`) || new URL(target.url).hostname === 'huggingface.co';
  await downloadFile({
    ...common,
    url: target.url,
    dest: target.dest,
    headers: sendToken ? hfHeaders : {},
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { path: target.dest, source: 'download' };
}

interface Target {
  url: string;
  dest: string;
  /** Set when the cache was already searched. */
  cached?: boolean;
}

/** Where a remote reference is downloaded from and kept; lists a repository for `hf:owner/repo:QUANT`. */
async function locate(
  parsed: Exclude<ModelRef, { kind: 'path' }>,
  ref: string,
  cacheDir: string,
  endpoint: string,
  listOptions: Parameters<typeof listHfFiles>[2],
): Promise<Target> {
  if (parsed.kind === 'url') {
    const hash = createHash('sha256').update(parsed.url).digest('hex').slice(0, 16);
    return { url: parsed.url, dest: join(cacheDir, 'url', hash, urlFileName(parsed.url)) };
  }
  const repoDir = join(cacheDir, 'hf', parsed.owner, parsed.repo);
  const hfTarget = (file: string): Target => {
    const dest = resolve(repoDir, ...file.split('/'));
    if (file.split('/').includes('..') || !dest.startsWith(repoDir + sep))
      throw new InvalidModelRefError(ref);
    const url = `${endpoint}/${parsed.owner}/${parsed.repo}/resolve/main/${file.split('/').map(encodeURIComponent).join('/')}`;
    return { url, dest };
  };
  if (parsed.kind === 'hf-file') return hfTarget(parsed.file);
  const local = await findCachedQuant(repoDir, parsed.quant ?? DEFAULT_QUANT);
  if (local) return { ...hfTarget(local), cached: true };
  const files = await listHfFiles(parsed.owner, parsed.repo, listOptions);
  return hfTarget(pickQuantFile(files, parsed.quant, `${parsed.owner}/${parsed.repo}`));
}

/** A cached GGUF file of the repository that carries the quantization, as a repository path. */
async function findCachedQuant(repoDir: string, quant: string): Promise<string | undefined> {
  if (!existsSync(repoDir)) return undefined;
  const files = readdirSync(repoDir, { recursive: true, encoding: 'utf8' }).map((f) =>
    f.split(sep).join('/'),
  );
  let picked: string;
  try {
    picked = pickQuantFile(files, quant, '');
  } catch {
    return undefined;
  }
  return (await isCachedGguf(join(repoDir, picked))) ? picked : undefined;
}

async function isCachedGguf(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(4);
      await handle.read(head, 0, 4, 0);
      return hasGgufMagic(head);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** A safe file name for a URL's download: its last path segment, or `model.gguf`. */
function urlFileName(url: string): string {
  let name = '';
  try {
    name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {}
  name = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return name === '' ? 'model.gguf' : name;
}
