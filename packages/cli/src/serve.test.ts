import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppStatus, RunRecord } from '@tokenscope/core';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, REPO_ROOT } from '../test/cliHarness.js';
import { isLoopback } from './commands/serve.js';

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const STORIES = join(MODELS, 'stories260K.gguf');
const SERVING = /^Tokenscope serving (\S+) at (http:\/\/\S+\/v1) \(OpenAI-compatible; logprobs on\)\n/;
const APP_LINE = /^X-ray web app at (http:\/\/\S+\/) \(runs saved in (.+)\)$/m;
const DATA_DIR = mkdtempSync(join(tmpdir(), 'tokenscope-serve-'));

interface Served {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** The first stdout line, once it is there. */
  line: Promise<string>;
  exit: Promise<number | null>;
}

const started: Served[] = [];

/** Starts `tokenscope serve` on any free port (`--port 0`); the printed line says which. */
function serve(args: string[], env: Record<string, string | undefined> = {}): Served {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--model', STORIES, '--port', '0', '--threads', '1', ...args],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        TOKENSCOPE_API_KEY: undefined,
        TOKENSCOPE_MODEL: undefined,
        TOKENSCOPE_DATA_DIR: DATA_DIR,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += String(chunk);
  });
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const line = new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('\n')) done(out);
    });
    void exit.then((code) => fail(new Error(`serve exited (${code}) before it was ready: ${err}`)));
  });
  const served = { child, stdout: () => out, stderr: () => err, line, exit };
  started.push(served);
  return served;
}

async function stop(served: Served): Promise<number | null> {
  served.child.kill('SIGTERM');
  return served.exit;
}

beforeAll(ensureBuilt, 180_000);
afterEach(() => {
  for (const served of started.splice(0)) if (served.child.exitCode === null) served.child.kill('SIGKILL');
});
afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

describe('tokenscope serve', () => {
  it('answers the official OpenAI client with logprobs, and stops on SIGTERM with exit 0', async () => {
    const served = serve([]);
    const match = SERVING.exec(await served.line);
    expect(match?.[1]).toBe('stories260K');
    expect(match?.[2]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = new OpenAI({ baseURL: match![2]!, apiKey: 'unused', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'stories260K',
      messages: [{ role: 'user', content: 'Tell me a story.' }],
      max_tokens: 8,
      temperature: 0,
      logprobs: true,
      top_logprobs: 2,
    });
    const content = completion.choices[0]?.logprobs?.content ?? [];
    expect(content.length).toBeGreaterThan(0);
    for (const token of content) {
      expect(token.logprob).toBeLessThanOrEqual(0);
      expect(token.top_logprobs).toHaveLength(2);
    }
    expect(content.map((t) => t.token).join('')).toBe(completion.choices[0]?.message.content);
    expect(await stop(served)).toBe(0);
    expect(served.stderr()).toBe('tokenscope: SIGTERM: shutting down\n');
  });

  it('with --api-key, rejects requests without the key and never prints it', async () => {
    const secret = 'sk-test-5f0c2a';
    const served = serve(['--api-key', secret]);
    const baseURL = SERVING.exec(await served.line)![2]!;
    const anonymous = await fetch(`${baseURL}/models`);
    expect(anonymous.status).toBe(401);
    const wrong = new OpenAI({ baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const right = new OpenAI({ baseURL, apiKey: secret, maxRetries: 0 });
    const models = await right.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['stories260K']);
    expect(await stop(served)).toBe(0);
    expect(served.stdout() + served.stderr()).not.toContain(secret);
  });

  it('takes the key from TOKENSCOPE_API_KEY', async () => {
    const served = serve([], { TOKENSCOPE_API_KEY: 'sk-from-env' });
    const baseURL = SERVING.exec(await served.line)![2]!;
    expect((await fetch(`${baseURL}/models`)).status).toBe(401);
    const ok = await fetch(`${baseURL}/models`, { headers: { Authorization: 'Bearer sk-from-env' } });
    expect(ok.status).toBe(200);
    expect(await stop(served)).toBe(0);
  });

  it('says why logprobs are read without the native reader, and still serves them', async () => {
    const served = serve([], { TOKENSCOPE_NATIVE_LOGITS: '0' });
    const baseURL = SERVING.exec(await served.line)![2]!;
    const response = await fetch(`${baseURL}/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'stories260K', prompt: 'Once', max_tokens: 3, logprobs: 2 }),
    });
    const body = (await response.json()) as { choices: Array<{ logprobs: { token_logprobs: number[] } }> };
    expect(body.choices[0]!.logprobs.token_logprobs).toHaveLength(3);
    expect(await stop(served)).toBe(0);
    expect(served.stderr()).toContain(
      "tokenscope: logprobs read through node-llama-cpp's sampling calls (the one-pass native reader is not used: switched off by TOKENSCOPE_NATIVE_LOGITS=0)",
    );
  });

  it('warns when it listens beyond this machine without a key', async () => {
    const served = serve(['--host', '0.0.0.0']);
    expect(await served.line).toMatch(SERVING);
    expect(await stop(served)).toBe(0);
    expect(served.stderr()).toMatch(
      /^tokenscope: warning: serving on 0\.0\.0\.0 without an API key: anyone who can reach this port can use the model/,
    );
  });

  it('serves the X-ray web app and its /api with the run history beside /v1', async () => {
    const served = serve([]);
    const output = await served.line;
    const app = APP_LINE.exec(output);
    expect(app?.[2]).toBe(join(DATA_DIR, 'runs.sqlite'));
    const base = app![1]!;
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const status = (await (await fetch(`${base}api/status`)).json()) as AppStatus;
    expect(status).toMatchObject({ defaultModel: 'stories260K', defaultModelSource: '--model' });
    expect(status.models.map((m) => m.id)).toEqual(['stories260K']);
    const imported = await fetch(`${base}api/import?name=hi.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"model":"m","choices":[{"index":0,"text":"Hi","logprobs":{"tokens":["Hi"],"token_logprobs":[-0.5],"top_logprobs":null,"text_offset":[0]}}]}',
    });
    expect(imported.status).toBe(201);
    expect(((await imported.json()) as RunRecord).source).toBe('import');
    expect(await stop(served)).toBe(0);
  });

  it('with --no-app, serves /v1 only', async () => {
    const served = serve(['--no-app']);
    const output = await served.line;
    expect(output).toMatch(SERVING);
    expect(output).not.toMatch(APP_LINE);
    const base = SERVING.exec(output)![2]!.replace(/v1$/, '');
    expect((await fetch(base)).status).toBe(404);
    expect((await fetch(`${base}api/status`)).status).toBe(404);
    expect(await stop(served)).toBe(0);
  });

  it('isLoopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '128.0.0.1']) {
      expect(isLoopback(host), host).toBe(false);
    }
  });
});
