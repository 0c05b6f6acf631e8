import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppStatus, RunList } from '@tokenscope/core';
import { startServer } from '@tokenscope/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, REPO_ROOT } from '../test/cliHarness.js';
import { listenOnFreePort } from './app/listenOnFreePort.js';

const URL_LINE = /^Tokenscope X-ray: (http:\/\/127\.0\.0\.1:\d+\/) {2}\((.+); runs saved in (.+)\)\n/;
const TMP = mkdtempSync(join(tmpdir(), 'tokenscope-app-'));
let dirCount = 0;
const newDir = (): string => {
  const dir = join(TMP, `d${dirCount++}`);
  mkdirSync(dir);
  return dir;
};

interface Started {
  child: ChildProcess;
  stderr: () => string;
  /** Stdout once the URL line (and what was written with it) is there. */
  ready: Promise<string>;
  exit: Promise<number | null>;
}

const children: Started[] = [];

/** Starts the real binary with `args`; `ready` resolves with stdout once it printed its URL line. */
function start(args: string[], env: Record<string, string | undefined> = {}, cwd = REPO_ROOT): Started {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    TOKENSCOPE_API_KEY: undefined,
    TOKENSCOPE_MODEL: undefined,
    TOKENSCOPE_DATA_DIR: undefined,
    ...env,
  };
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += String(chunk);
  });
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (URL_LINE.test(out) && out.endsWith('\n')) done(out);
    });
    void exit.then((code) => fail(new Error(`tokenscope exited (${code}) before it was ready: ${err}`)));
  });
  ready.catch(() => {}); // awaited by the tests that expect the app to start
  const started = { child, stderr: () => err, ready, exit };
  children.push(started);
  return started;
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGTERM');
  return started.exit;
}

beforeAll(ensureBuilt, 180_000);
afterEach(() => {
  for (const c of children.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL');
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('tokenscope app', () => {
  it('starts the web app on the shared model, prints its URL, runs a prompt and stops on SIGTERM', async () => {
    const data = newDir();
    const app = start(['app', '--no-open', '--port', '0', '--data-dir', data]);
    const match = URL_LINE.exec(await app.ready)!;
    const [, url, model, file] = match;
    expect(model).toMatch(
      /^model stories260K, (found in \.\.\/shared\/models|from \$TOKENSCOPE_MODELS_DIR)$/,
    );
    expect(file).toBe(join(data, 'runs.sqlite'));

    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="app">');
    const status = (await (await fetch(`${url}api/status`)).json()) as AppStatus;
    expect(status.defaultModel).toBe('stories260K');
    expect(status.models.map((m) => m.id)).toContain('stories260K');
    expect(status.dataFile).toBe(file);
    expect(status).not.toHaveProperty('modelHelp');

    const generated = await fetch(`${url}api/generate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        target: { kind: 'local', model: 'stories260K' },
        prompt: { kind: 'text', text: 'Once upon a time' },
        params: { maxTokens: 8, temperature: 0, topLogprobs: 3 },
      }),
    });
    expect(generated.status).toBe(200);
    expect(await generated.text()).toMatch(/^event: done$/m);
    const runs = (await (await fetch(`${url}api/runs`)).json()) as RunList;
    expect(runs.total).toBe(1);
    expect(runs.runs[0]?.model).toBe('stories260K');

    expect(await stop(app)).toBe(0);
    expect(app.stderr()).toBe('tokenscope: SIGTERM: shutting down\n');
  });

  it('is what `tokenscope` with no arguments runs', async () => {
    const app = start([], { TOKENSCOPE_DATA_DIR: newDir() });
    const [, url] = URL_LINE.exec(await app.ready)!;
    expect(Number(new URL(url!).port)).toBeGreaterThanOrEqual(8080);
    expect((await fetch(url!)).status).toBe(200);
    expect(await stop(app)).toBe(0);
  });

  it('starts without a model and says how to get one', async () => {
    const empty = newDir();
    const app = start(
      ['app', '--no-open', '--port', '0'],
      {
        TOKENSCOPE_MODELS_DIR: empty,
        TOKENSCOPE_DATA_DIR: join(empty, 'data'),
      },
      empty,
    );
    const out = await app.ready;
    const [, url, model] = URL_LINE.exec(out)!;
    expect(model).toBe('no local model found');
    expect(out).toMatch(
      /\nNo local model found \(searched \$TOKENSCOPE_MODELS_DIR, \.\/models, \.\.\/shared\/models\)/,
    );
    const status = (await (await fetch(`${url}api/status`)).json()) as AppStatus;
    expect(status.defaultModel).toBeNull();
    expect(status.models).toEqual([]);
    expect(status.modelHelp).toMatch(/^No local model found .*--model/);
    expect((await fetch(url!)).status).toBe(200);
    expect(await stop(app)).toBe(0);
  });

  it('fails with one line when the port it was given is taken', async () => {
    const blocker = await occupy();
    try {
      const port = (blocker.address() as { port: number }).port;
      const app = start(['app', '--no-open', '--port', String(port), '--data-dir', newDir()]);
      expect(await app.exit).toBe(1);
      expect(app.stderr()).toBe(
        `tokenscope: cannot listen on 127.0.0.1 port ${port}: in use by another program; pass another --port (0 picks any free port)\n`,
      );
    } finally {
      blocker.close();
    }
  });
});

function occupy(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('listenOnFreePort', () => {
  it('takes the next port when the default one is taken, not when it was given', async () => {
    const blocker = await occupy();
    const port = (blocker.address() as { port: number }).port;
    try {
      const server = await listenOnFreePort(startServer, { engines: [], port }, false);
      expect(Number(new URL(server.url).port)).toBeGreaterThan(port);
      await server.close();
      await expect(listenOnFreePort(startServer, { engines: [], port }, true)).rejects.toThrow(
        /in use by another program/,
      );
    } finally {
      blocker.close();
    }
  });
});
