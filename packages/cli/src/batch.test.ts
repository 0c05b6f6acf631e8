/**
 * `tokenscope batch` through the real binary: recorded and request rows into SQLite and PostgreSQL,
 * bad rows recorded and retried, resume after `kill -9`, two workers sharing one PostgreSQL
 * database, a remote target that answers 429 with retry-after.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../store/test/postgresDatabase.js';
import { BIN, ensureBuilt, FIXTURES, REPO_ROOT } from '../test/cliHarness.js';
import { runCliAsync } from '../test/runCliAsync.js';

beforeAll(ensureBuilt, 120_000);

const SEED = readFileSync(join(FIXTURES, 'openai-chat.seed003.recorded.json'), 'utf8');
const STORIES = readFileSync(
  join(FIXTURES, 'openai-chat.tokenscope-serve-stories260k.recorded.json'),
  'utf8',
);
const MODEL = join(REPO_ROOT, '../shared/models/stories260K.gguf');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-batch-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function oneLine(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

async function storeAt(dataDir: string): Promise<RunStore> {
  const store = await openRunStore({ dataDir });
  cleanups.push(() => store.close());
  return store;
}

/** Every run of the dataset with its row key, read page by page. */
async function rowKeys(store: RunStore, dataset: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const row of store.exportRows({ dataset })) keys.push(row.rowKey ?? '');
  return keys;
}

describe('tokenscope batch (SQLite)', () => {
  it('stores recorded rows with their metadata, records a bad row and goes on, skips done rows when run again', async () => {
    const dir = tempDir();
    const input = join(dir, 'rows.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({
          id: 'a',
          recorded: JSON.parse(SEED),
          prompt_version: 'v1',
          tags: ['geo'],
          expected: 'Andrzej Duda',
          model: 'gpt-4o',
        }),
        JSON.stringify({ id: 'b', recorded: STORIES, prompt_version: 'v2', model: 'stories260K' }),
        oneLine(STORIES), // a recorded response as it is (keyed by its own id)
        '{"id": "c", "prompt": ',
        JSON.stringify({ id: 'd', messages: [{ role: 'robot', content: 'hi' }] }),
        '',
      ].join('\n'),
    );
    const first = await runCliAsync([
      'batch',
      input,
      '--dataset',
      'ds1',
      '--data-dir',
      dir,
      '--summary',
      'json',
    ]);
    expect(first.status, first.stderr).toBe(1); // two rows failed
    expect(first.stderr).toMatch(/rows\.jsonl:4: not valid JSON/);
    expect(first.stderr).toMatch(
      /rows\.jsonl:5: "messages\[0\]\.role" must be one of system, user, assistant, developer, got "robot"/,
    );
    expect(first.stderr).toMatch(/2 rows failed/);
    const summary = JSON.parse(first.stdout);
    expect(summary.total.answers).toBe(3);
    expect(summary.failedRows).toBe(2);

    const store = await storeAt(dir);
    const progress = await store.batchProgress('ds1');
    expect(progress).toEqual({ dataset: 'ds1', done: 3, failed: 2, claimed: 0 });
    const runs = (await store.list({ dataset: 'ds1' })).runs;
    expect(runs.map((r) => r.promptVersion ?? null).sort()).toEqual(['v1', 'v2', null].sort());
    const a = runs.find((r) => r.promptVersion === 'v1')!;
    expect((await store.get(a.id)).expected).toBe('Andrzej Duda');
    expect(a.tags).toEqual(['geo']);
    expect(a.model).toBe('gpt-4o');
    expect(a.title).toBe('a'); // no prompt, no title: named by its row id
    expect((await store.failedRows('ds1')).map((f) => f.error).sort()).toEqual([
      expect.stringMatching(/rows\.jsonl:4/),
      expect.stringMatching(/rows\.jsonl:5/),
    ]);

    // again: the 3 done rows are skipped, the 2 bad rows are tried again (and fail again)
    const second = await runCliAsync([
      'batch',
      input,
      '--dataset',
      'ds1',
      '--data-dir',
      dir,
      '--summary',
      'none',
    ]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/this worker stored 0 .*skipped 3 done before, 2 failed/);
    expect((await rowKeys(store, 'ds1')).length).toBe(3);
  });

  it('does not wait for rows another worker left claimed that are not in its input, and trims the dataset name', async () => {
    const dir = tempDir();
    const input = join(dir, 'rows.jsonl');
    writeFileSync(input, `${JSON.stringify({ id: 'mine', recorded: JSON.parse(SEED) })}\n`);
    const store = await storeAt(dir);
    // a worker on another machine died holding a row of another file of this dataset (its lease ran out)
    expect(await store.claimRow('shared', 'id:elsewhere', 'other-host/123/abc', 1)).toBe('claimed');
    await new Promise((r) => setTimeout(r, 5));
    const first = await runCliAsync([
      'batch',
      input,
      '--dataset',
      ' shared ',
      '--data-dir',
      dir,
      '--summary',
      'none',
    ]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/this worker stored 1 /);
    const again = await runCliAsync([
      'batch',
      input,
      '--dataset',
      'shared',
      '--data-dir',
      dir,
      '--summary',
      'none',
    ]);
    expect(again.stderr).toMatch(/stored 0 .*skipped 1 done before/);
    expect((await store.batchProgress('shared')).done).toBe(1);
  });

  it('refuses a missing input or an empty folder before opening anything', async () => {
    const dir = tempDir();
    const missing = await runCliAsync([
      'batch',
      join(dir, 'nope.jsonl'),
      '--dataset',
      'x',
      '--data-dir',
      dir,
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl: no such file/);
    const empty = await runCliAsync(['batch', dir, '--dataset', 'x', '--data-dir', join(dir, 'store')]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/is a folder without any \.jsonl file/);
    const noDataset = await runCliAsync(['batch', dir]);
    expect(noDataset.stderr).toMatch(/--dataset <name>' not specified/);
  });

  it('is resumable: killed with -9 halfway through local generation, started again, every row is stored exactly once', async () => {
    const dir = tempDir();
    const input = join(dir, 'prompts.jsonl');
    const rows = 30;
    writeFileSync(
      input,
      Array.from({ length: rows }, (_, i) =>
        JSON.stringify({ id: `p${i}`, prompt: `Once upon a time ${i}`, max_tokens: 24 }),
      ).join('\n'),
    );
    const args = [
      BIN,
      'batch',
      input,
      '--dataset',
      'kill',
      '--data-dir',
      dir,
      '--model',
      MODEL,
      '--summary',
      'none',
      '--lease',
      '600',
    ];
    const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: 'ignore' });
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    const store = await storeAt(dir);
    // wait until some rows are stored, then kill -9
    for (let i = 0; i < 600; i++) {
      const done = (await store.batchProgress('kill')).done;
      if (done >= 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = await store.batchProgress('kill');
    expect(before.done).toBeGreaterThanOrEqual(5);
    expect(before.done).toBeLessThan(rows);

    // the dead worker held a 10-minute lease on its row in flight: the new worker on this host ends it at once
    const resumed = await runCliAsync([
      'batch',
      input,
      '--dataset',
      'kill',
      '--data-dir',
      dir,
      '--model',
      MODEL,
      '--summary',
      'none',
    ]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`skipped ${before.done} done before`));
    const keys = await rowKeys(store, 'kill');
    expect(keys.length).toBe(rows);
    expect(new Set(keys).size).toBe(rows);
    expect(await store.batchProgress('kill')).toEqual({ dataset: 'kill', done: rows, failed: 0, claimed: 0 });
  }, 120_000);
});

/** An OpenAI-compatible upstream answering every chat request with the seed response after `delayMs`; every 5th request first gets a 429. */
async function slowUpstream(
  delayMs: number,
): Promise<{ url: string; requests: () => number; throttled: () => number }> {
  let requests = 0;
  let throttled = 0;
  const server: Server = createServer((req, res) => {
    req.resume(); // the body is not needed
    req.on('end', () => {
      requests++;
      if (requests % 5 === 0) {
        throttled++;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error' } }));
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(SEED);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests: () => requests, throttled: () => throttled };
}

describe('tokenscope batch (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('two workers on one database share the rows: each row done once, by one of them; 429s retried', async () => {
    const dir = tempDir();
    const input = join(dir, 'requests.jsonl');
    const rows = 320;
    writeFileSync(
      input,
      Array.from({ length: rows }, (_, i) =>
        JSON.stringify({
          id: `q${i}`,
          messages: [{ role: 'user', content: `Who is the president of Poland? (${i})` }],
          model: 'gpt-4o',
          prompt_version: i % 2 === 0 ? 'v1' : 'v2',
        }),
      ).join('\n'),
    );
    const upstream = await slowUpstream(20);
    const args = [
      'batch',
      input,
      '--dataset',
      'shared',
      '--database-url',
      database.url,
      '--base-url',
      upstream.url,
      '--concurrency',
      '3',
      '--summary',
      'none',
    ];
    const [one, two] = await Promise.all([runCliAsync(args), runCliAsync(args)]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const stored = [one, two].map((r) => Number(/this worker stored (\d+)/.exec(r.stderr)?.[1]));
    expect(stored[0]! + stored[1]!).toBe(rows);
    expect(stored[0]).toBeGreaterThan(0);
    expect(stored[1]).toBeGreaterThan(0);
    expect(upstream.throttled()).toBeGreaterThan(0); // and yet nothing failed: the 429s were retried

    const store = await openRunStore({ databaseUrl: database.url });
    cleanups.push(() => store.close());
    const keys = await rowKeys(store, 'shared');
    expect(keys.length).toBe(rows);
    expect(new Set(keys).size).toBe(rows);
    const summary = await store.datasetSummary({ dataset: 'shared', groupBy: 'promptVersion' });
    expect(summary.groups.map((g) => [g.key, g.answers])).toEqual([
      ['v1', rows / 2],
      ['v2', rows / 2],
    ]);
    // a third run finds everything done
    const again = await runCliAsync(args);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`stored 0 .*skipped ${rows} done before`));
  }, 120_000);
});
