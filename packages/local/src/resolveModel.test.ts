import { lookup } from 'node:dns/promises';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenscopeError } from '@tokenscope/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidModelFileError } from './errors/InvalidModelFileError.js';
import { InvalidModelRefError } from './errors/InvalidModelRefError.js';
import { ModelDownloadError } from './errors/ModelDownloadError.js';
import { ModelNotFoundError } from './errors/ModelNotFoundError.js';
import type { DownloadProgress } from './models/downloadFile.js';
import { resolveModel } from './resolveModel.js';

const modelsDir =
  process.env.TOKENSCOPE_MODELS_DIR ?? fileURLToPath(new URL('../../../../shared/models/', import.meta.url));
const storiesPath = join(modelsDir, 'stories260K.gguf');
const tinyPath = join(modelsDir, 'TinyStories-656K-Q8_0.gguf');
const stories = readFileSync(storiesPath);

const work = mkdtempSync(join(tmpdir(), 'tokenscope-resolve-'));
let cacheDir = '';
let base = '';
let server: Server;
const requests: IncomingMessage[] = [];

/** Files of a directory tree, relative paths. */
function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    const url = req.url ?? '';
    const sendModel = () => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': stories.length });
      res.end(stories);
    };
    if (url === '/files/stories260K.gguf' || url === '/owner/repo/resolve/main/sub/model-Q8_0.gguf')
      return sendModel();
    if (url === '/owner/repo/resolve/main/stories260K.gguf') return sendModel();
    if (url.startsWith('/api/models/owner/repo/tree/main')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const files = ['README.md', 'sub/model-Q8_0.gguf', 'model-Q2_K.gguf', 'mmproj-Q8_0.gguf'];
      return res.end(JSON.stringify(files.map((path) => ({ type: 'file', path, size: 1 }))));
    }
    if (url === '/files/gated.gguf') {
      res.writeHead(401, 'Unauthorized');
      return res.end('Access to model owner/gated is restricted.');
    }
    if (url === '/files/page.gguf') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<!DOCTYPE html><html>a web page</html>');
    }
    if (url === '/files/cut.gguf') {
      res.writeHead(200, { 'Content-Length': stories.length });
      res.write(stories.subarray(0, 300_000), () => setTimeout(() => res.socket?.destroy(), 20));
      return undefined;
    }
    if (url === '/files/slow.gguf') {
      res.writeHead(200, { 'Content-Length': stories.length });
      res.write(stories.subarray(0, 1000));
      return undefined; // never ends; the test aborts
    }
    if (url === '/files/silent.gguf') return undefined; // never answers
    res.writeHead(404, 'Not Found');
    res.end('Entry not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  cacheDir = mkdtempSync(join(work, 'cache-'));
  requests.length = 0;
});

describe('resolveModel with local paths', () => {
  it('returns the shared models as they are', async () => {
    for (const path of [storiesPath, tinyPath]) {
      await expect(resolveModel(path)).resolves.toEqual({ path, source: 'path' });
    }
  });

  it('accepts file:// URLs and relative paths', async () => {
    await expect(resolveModel(`file://${storiesPath}`)).resolves.toEqual({
      path: storiesPath,
      source: 'path',
    });
    const copy = join(work, 'rel.gguf');
    copyFileSync(tinyPath, copy);
    const relativePath = relative(process.cwd(), copy);
    await expect(resolveModel(relativePath)).resolves.toEqual({ path: copy, source: 'path' });
  });

  it('rejects a missing file', async () => {
    const missing = join(work, 'nope.gguf');
    const error = await resolveModel(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect(error).toBeInstanceOf(TokenscopeError);
    expect((error as Error).message).toBe(
      `model not found: no file at ${missing}; pass the path of a .gguf file, an https:// URL or hf:owner/repo/file.gguf`,
    );
  });

  it('rejects a file that is not a GGUF model, and a directory', async () => {
    const text = join(work, 'notes.gguf');
    writeFileSync(text, 'hello world');
    await expect(resolveModel(text)).rejects.toThrow(
      new InvalidModelFileError(text, 'it starts with "hell" instead of "GGUF"; pass a .gguf file'),
    );
    const empty = join(work, 'empty.gguf');
    writeFileSync(empty, '');
    await expect(resolveModel(empty)).rejects.toThrow(/is not a GGUF model: the file is empty/);
    await expect(resolveModel(work)).rejects.toThrow(/is not a GGUF model: it is a directory/);
  });

  it('rejects references it cannot read', async () => {
    await expect(resolveModel('hf:owner')).rejects.toBeInstanceOf(InvalidModelRefError);
    await expect(resolveModel('  ')).rejects.toBeInstanceOf(InvalidModelRefError);
  });
});

describe('resolveModel downloads', () => {
  it('downloads a URL with progress, then serves it from the cache without a request', async () => {
    const progress: DownloadProgress[] = [];
    const url = `${base}/files/stories260K.gguf`;
    const first = await resolveModel(url, { cacheDir, onProgress: (p) => progress.push(p) });
    expect(first.source).toBe('download');
    expect(first.path.startsWith(cacheDir)).toBe(true);
    expect(first.path.endsWith('stories260K.gguf')).toBe(true);
    expect(readFileSync(first.path).equals(stories)).toBe(true);
    expect(progress[0]).toEqual({ receivedBytes: 0, totalBytes: stories.length, url });
    expect(progress.at(-1)).toEqual({ receivedBytes: stories.length, totalBytes: stories.length, url });
    const received = progress.map((p) => p.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(requests).toHaveLength(1);

    const second = await resolveModel(url, { cacheDir });
    expect(second).toEqual({ path: first.path, source: 'cache' });
    expect(requests).toHaveLength(1);
  });

  it('names the status of a 404, and of a 401 with the gated-repository advice', async () => {
    const missing = await resolveModel(`${base}/files/missing.gguf`, { cacheDir }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ModelDownloadError);
    expect((missing as ModelDownloadError).httpStatus).toBe(404);
    expect((missing as Error).message).toBe(
      `could not download ${base}/files/missing.gguf: HTTP 404 Not Found: no such file; check the owner, repository and file name (they are case-sensitive)`,
    );
    const gated = await resolveModel(`${base}/files/gated.gguf`, { cacheDir }).catch((e: unknown) => e);
    expect((gated as ModelDownloadError).httpStatus).toBe(401);
    expect((gated as Error).message).toMatch(
      /HTTP 401 Unauthorized: the repository may be gated .* set HF_TOKEN/,
    );
    expect(listFiles(cacheDir).filter((f) => f.endsWith('.gguf'))).toEqual([]);
  });

  it('leaves no file under the final name when the connection is cut', async () => {
    const url = `${base}/files/cut.gguf`;
    const error = await resolveModel(url, { cacheDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^could not download ${url}: the connection (broke|ended) after \\d+ (bytes|of ${stories.length} bytes)`,
      ),
    );
    expect(listFiles(cacheDir).filter((f) => !f.endsWith('/') && /\./.test(f))).toEqual([]);
  });

  it('rejects a downloaded page that is not a GGUF file and keeps nothing', async () => {
    const url = `${base}/files/page.gguf`;
    await expect(resolveModel(url, { cacheDir })).rejects.toThrow(
      `${url} is not a GGUF model: it starts with "<!DO" instead of "GGUF"; check that the URL points at a .gguf file`,
    );
    expect(listFiles(cacheDir).filter((f) => /\./.test(f))).toEqual([]);
  });

  it('rejects with the signal reason when aborted, keeping nothing', async () => {
    const controller = new AbortController();
    const pending = resolveModel(`${base}/files/slow.gguf`, {
      cacheDir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.receivedBytes > 0) controller.abort(new Error('stop'));
      },
    });
    await expect(pending).rejects.toThrow('stop');
    expect(listFiles(cacheDir).filter((f) => /\./.test(f))).toEqual([]);
  });

  it('gives up on a server that does not answer after timeoutMs', async () => {
    await expect(resolveModel(`${base}/files/silent.gguf`, { cacheDir, timeoutMs: 200 })).rejects.toThrow(
      `could not download ${base}/files/silent.gguf: no response within 0.2 s. This machine may be offline; download the file yourself and pass its path`,
    );
  });

  it('explains a refused connection as a possibly offline machine', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const url = `http://127.0.0.1:${port}/m.gguf`;
    await expect(resolveModel(url, { cacheDir })).rejects.toThrow(
      `could not download ${url}: connect ECONNREFUSED 127.0.0.1:${port}. This machine may be offline; download the file yourself and pass its path`,
    );
  });
});

describe('resolveModel with Hugging Face references', () => {
  it('resolves hf:owner/repo/file.gguf against the endpoint and sends HF_TOKEN there', async () => {
    const options = { cacheDir, hfEndpoint: base, hfToken: 'secret' };
    const result = await resolveModel('hf:owner/repo/stories260K.gguf', options);
    expect(result).toEqual({
      path: join(cacheDir, 'hf', 'owner', 'repo', 'stories260K.gguf'),
      source: 'download',
    });
    expect(requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/owner/repo/resolve/main/stories260K.gguf', 'Bearer secret'],
    ]);
    await expect(resolveModel('owner/repo/stories260K.gguf', options)).resolves.toEqual({
      ...result,
      source: 'cache',
    });
  });

  it('never sends the token to another host', async () => {
    await resolveModel(`${base}/files/stories260K.gguf`, {
      cacheDir,
      hfEndpoint: 'https://hf.example',
      hfToken: 's',
    });
    expect(requests[0]?.headers.authorization).toBeUndefined();
  });

  it('picks the file of a quantization from the repository list, then finds it in the cache', async () => {
    const options = { cacheDir, hfEndpoint: base };
    const result = await resolveModel('hf:owner/repo:q8_0', options);
    expect(result).toEqual({
      path: join(cacheDir, 'hf', 'owner', 'repo', 'sub', 'model-Q8_0.gguf'),
      source: 'download',
    });
    expect(requests.map((r) => r.url)).toEqual([
      '/api/models/owner/repo/tree/main?recursive=true',
      '/owner/repo/resolve/main/sub/model-Q8_0.gguf',
    ]);
    await expect(resolveModel('owner/repo:Q8_0', options)).resolves.toEqual({ ...result, source: 'cache' });
    expect(requests).toHaveLength(2);
    await expect(resolveModel('hf:owner/repo:Q5_K_S', options)).rejects.toThrow(
      'model not found: owner/repo has no .gguf file for Q5_K_S; name one of: model-Q8_0.gguf, model-Q2_K.gguf',
    );
  });

  it('fails clearly against the real huggingface.co from this machine', async () => {
    const online = await lookup('huggingface.co').then(
      () => true,
      () => false,
    );
    const ref = 'hf:ggml-org/models/tinyllamas/no-such-file-for-tokenscope-tests.gguf';
    const error = await resolveModel(ref, { cacheDir, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    const url =
      'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/no-such-file-for-tokenscope-tests.gguf';
    expect((error as Error).message).toMatch(
      online
        ? `could not download ${url}: HTTP 404`
        : new RegExp(
            `^could not download ${url.replaceAll('.', '\\.')}: .+\\. This machine may be offline; download the file yourself and pass its path$`,
          ),
    );
  });
});
