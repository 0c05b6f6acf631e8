import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Engine, loadEngine } from '@tokenscope/local';
import { type RunningServer, startServer } from '@tokenscope/server';
import { openRunStore } from '@tokenscope/store';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, REPO_ROOT, runCli } from '../test/cliHarness.js';

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const READY = /^Tokenscope proxy at (http:\/\/127\.0\.0\.1:\d+\/v1) -> (\S+) \((.*)\)\n/;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout holds `lines` lines. */
  lines: (n: number) => Promise<string>;
  exit: Promise<number | null>;
}

const started: Running[] = [];
const folders: string[] = [];
let engine: Engine;
let upstream: RunningServer;

beforeAll(async () => {
  ensureBuilt();
  engine = await loadEngine(join(MODELS, 'stories260K.gguf'), { threads: 1 });
  upstream = await startServer({ engines: [engine] });
}, 180_000);

afterAll(async () => {
  await upstream?.close();
  await engine?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  for (const run of started.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-proxy-'));
  folders.push(dir);
  return dir;
}

function proxy(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, 'proxy', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TOKENSCOPE_DATA_DIR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiting: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += String(chunk);
    for (const w of waiting.splice(0)) w();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += String(chunk);
  });
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const lines = (n: number) =>
    new Promise<string>((done, fail) => {
      const check = () => {
        if (out.split('\n').length > n) done(out);
        else waiting.push(check);
      };
      check();
      void exit.then((code) => fail(new Error(`proxy exited (${code}): ${err}`)));
    });
  const running = { child, stdout: () => out, stderr: () => err, lines, exit };
  started.push(running);
  return running;
}

describe('tokenscope proxy', () => {
  it('records what an application asks through it, and stops on SIGTERM with exit 0', async () => {
    const dataDir = tempDir();
    const running = proxy(['--upstream', `${upstream.url}/v1`, '--data-dir', dataDir, '--top-logprobs', '4']);
    const match = READY.exec(await running.lines(1));
    expect(match?.[2]).toBe(`${upstream.url}/v1`);
    expect(match?.[3]).toBe(`adds top-4 logprobs; runs saved in ${join(dataDir, 'runs.sqlite')}`);
    const client = new OpenAI({ baseURL: match![1]!, apiKey: 'unused', maxRetries: 0 });
    const ask = {
      model: 'stories260K',
      messages: [{ role: 'user' as const, content: 'Once upon a time' }],
      max_tokens: 8,
      temperature: 0,
    };
    const whole = await client.chat.completions.create(ask);
    expect(whole.choices[0]!.logprobs).toBeNull();
    let streamed = '';
    for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) {
      expect(chunk.choices[0]?.logprobs ?? null).toBeNull();
      streamed += chunk.choices[0]?.delta.content ?? '';
    }
    expect(streamed).toBe(whole.choices[0]!.message.content);
    const out = await running.lines(3);
    expect(out.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(
        /^recorded r_\w+ · stories260K · 8 tokens · mean logprob -\d+\.\d\d · \d+ flagged · "Once upon a time"$/,
      ),
      expect.stringMatching(/^recorded r_\w+ · stories260K · 8 tokens · /),
    ]);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.stderr()).toBe('tokenscope: SIGTERM: shutting down\n');
    const store = await openRunStore({ dataDir });
    try {
      const runs = await store.list();
      expect(runs.total).toBe(2);
      for (const item of runs.runs) {
        const run = await store.get(item.id);
        expect(run).toMatchObject({
          source: 'proxy',
          endpoint: `${upstream.url}/v1`,
          params: { topLogprobs: 4 },
        });
        expect(run.response.completions[0]!.text).toBe(whole.choices[0]!.message.content);
        expect(run.response.completions[0]!.topK).toBe(4);
      }
    } finally {
      await store.close();
    }
  });

  it('--no-record forwards only, and creates no run history', async () => {
    const dataDir = tempDir();
    const running = proxy(['--upstream', upstream.url, '--data-dir', dataDir, '--no-record']);
    const match = READY.exec(await running.lines(1));
    expect(match?.[3]).toBe('not recording: requests forwarded as they are');
    const client = new OpenAI({ baseURL: match![1]!, apiKey: 'unused', maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['stories260K']);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(existsSync(join(dataDir, 'runs.sqlite'))).toBe(false);
  });

  it('fails with one line when the port is taken', () => {
    const port = new URL(upstream.url).port;
    const result = runCli(['proxy', '--no-record', '--upstream', upstream.url, '--port', port]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `tokenscope: cannot listen on 127.0.0.1 port ${port}: in use by another program; pass another --port (0 picks any free port)\n`,
    );
  });

  it.each([
    [
      ['--upstream', 'ftp://example.com/v1'],
      /^tokenscope: invalid upstream: expected an http\(s\) URL such as http:\/\/127\.0\.0\.1:8080\/v1, got "ftp:\/\/example\.com\/v1"\n$/,
    ],
    [
      ['--upstream', 'http://key:secret@example.com/v1'],
      /^tokenscope: invalid upstream: the URL holds credentials; .*\n$/,
    ],
    [[], /^tokenscope: required option '--upstream <url>' not specified\n$/],
    [
      ['--upstream', 'http://127.0.0.1:1/v1', '--top-logprobs', '-1'],
      /^tokenscope: option '--top-logprobs <k>' argument '-1' is invalid\. Expected an integer >= 0, got -1\.\n$/,
    ],
  ])('fails with one line for %j', (args, message) => {
    const result = runCli(['proxy', '--no-record', ...args]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('secret');
    expect(result.stdout).toBe('');
  });
});
