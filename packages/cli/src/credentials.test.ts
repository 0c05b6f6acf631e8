import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, isOneLine, REPO_ROOT } from '../test/cliHarness.js';

/**
 * Keys in base URLs (`user:key@host`, `?key=...`): the path goes before the query, and no message
 * of the CLI repeats a key, whatever the command and however the URL is wrong.
 */

const SECRET = 'sk-SECRET-4242';
let upstream: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  upstream = createServer((req, res) => {
    seen.push(req.url ?? '');
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"no such model","type":"invalid_request_error"}}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
}, 180_000);
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

/** Runs the CLI without blocking this process (the upstream above answers from it). */
function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO_ROOT, timeout: 30_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

async function expectNoKey(args: string[]): Promise<string> {
  const result = await runCli(args);
  expect(result.status).not.toBe(0);
  expect(isOneLine(result.stderr), result.stderr).toBe(true);
  expect(result.stderr + result.stdout).not.toContain(SECRET);
  return result.stderr;
}

describe('base URLs with keys', () => {
  it('ask sends to <base>/chat/completions?key=... and never prints the key', async () => {
    const stderr = await expectNoKey([
      'ask',
      'Hi',
      '--base-url',
      `http://${base}/v1?key=${SECRET}`,
      '-m',
      'm',
    ]);
    expect(seen.at(-1)).toBe(`/v1/chat/completions?key=${SECRET}`);
    expect(stderr).toContain(`http://${base}/v1/chat/completions`);
  });

  it('refuses user:key@ and wrong URLs without repeating the key (ask, probe, proxy)', async () => {
    const withUser = `http://user:${SECRET}@${base}/v1`;
    expect(await expectNoKey(['ask', 'Hi', '--base-url', withUser, '-m', 'm'])).toMatch(
      /without a user name or password/,
    );
    expect(await expectNoKey(['probe', '--base-url', withUser])).toMatch(/without a user name or password/);
    await expectNoKey([
      'ask',
      'Hi',
      '--base-url',
      `htp://user:${SECRET}@${base}/v1?key=${SECRET}`,
      '-m',
      'm',
    ]);
    expect(await expectNoKey(['proxy', '--upstream', withUser, '--no-record'])).toMatch(/holds credentials/);
    await expectNoKey([
      'proxy',
      '--upstream',
      `htp://user:${SECRET}@${base}/v1?key=${SECRET}`,
      '--no-record',
    ]);
  });

  it('--debug prints stacks without the key too', async () => {
    const withUser = `http://user:${SECRET}@${base}/v1`;
    const result = await runCli(['--debug', 'ask', 'Hi', '--base-url', withUser, '-m', 'm']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/without a user name or password/);
    expect(result.stderr).toContain('CommanderError'); // the stack is there
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });
});
