/**
 * Teams and volume: `tokenscope batch` of recorded responses (generated here: the seed's real
 * gpt-4o response with its ids, models, prompt versions and logprobs varied) into SQLite and into
 * a throwaway PostgreSQL server, through the real binary:
 *   - answers/s and peak memory (the process's VmHWM) at 10,000 and 100,000 rows: flat memory means
 *     the input is streamed;
 *   - two workers on one PostgreSQL database against one (same rows; goal >= 1.7x on 2 cores);
 *   - the dataset summary over 100,000 runs, as the datasets view asks for it (grouped by model),
 *     on both backends.
 * `BENCH_BATCH_ROWS` scales the large run (default 100,000).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRunStore } from '../packages/store/dist/index.js';
import { startTestPostgres } from '../scripts/testPostgres.mjs';
import { median } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/tokenscope.js');
const SEED = JSON.parse(
  readFileSync(
    join(ROOT, 'packages/core/src/formats/__fixtures__/openai-chat.seed003.recorded.json'),
    'utf8',
  ),
);
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'llama-3.1-8b'];
const VERSIONS = ['v1', 'v2'];

/** Writes `rows` recorded rows; the logprobs are scaled per row so that answers differ. */
async function writeRows(file, rows) {
  const out = createWriteStream(file);
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < rows; i++) {
    const scale = 0.2 + 3 * random();
    const response = structuredClone(SEED);
    response.id = `chatcmpl-bench-${i}`;
    for (const token of response.choices[0].logprobs.content) {
      token.logprob *= scale;
      for (const alt of token.top_logprobs) alt.logprob *= scale;
    }
    const line = JSON.stringify({
      id: `row-${i}`,
      recorded: response,
      model: MODELS[i % 3],
      prompt_version: VERSIONS[Math.floor(i / 3) % 2],
      tags: [i % 5 === 0 ? 'priority' : 'normal'],
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs the real binary; returns seconds and the peak resident memory (MiB) polled from /proc. */
function runBatch(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'batch', ...args, '--summary', 'none'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kb > peakKb) peakKb = kb;
      } catch {}
    }, 100);
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(poll);
      if (code !== 0)
        reject(new Error(`tokenscope batch ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peakKb / 1024, stderr });
    });
  });
}

async function summaryMs(store, dataset, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await store.datasetSummary({ dataset, groupBy: 'model' });
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function benchBatch({ log }) {
  const large = Number(process.env.BENCH_BATCH_ROWS ?? 100_000);
  const small = Math.min(10_000, large);
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-bench-batch-'));
  const pg = await startTestPostgres();
  const results = { rows: { small, large }, sqlite: {}, postgres: {} };
  try {
    const smallFile = join(dir, 'small.jsonl');
    const largeFile = join(dir, 'large.jsonl');
    log(`batch: writing ${small} and ${large} rows`);
    await writeRows(smallFile, small);
    await writeRows(largeFile, large);
    const targets = {
      sqlite: (name) => ['--data-dir', join(dir, `store-${name}`)],
      postgres: () => ['--database-url', pg.url],
    };
    for (const [backend, where] of Object.entries(targets)) {
      for (const [size, file] of [
        ['small', smallFile],
        ['large', largeFile],
      ]) {
        log(`batch: ${backend}, ${size} (${results.rows[size]} rows)`);
        const run = await runBatch([file, '--dataset', `one-${size}`, ...where(size)]);
        results[backend][size] = { ...run, rate: results.rows[size] / run.seconds };
      }
    }
    log('batch: postgres, two workers on the large file');
    const started = performance.now();
    const two = await Promise.all(
      [1, 2].map(() => runBatch([largeFile, '--dataset', 'two', '--database-url', pg.url])),
    );
    const seconds = (performance.now() - started) / 1000;
    results.postgres.two = {
      seconds,
      rate: large / seconds,
      stored: two.map((r) => Number(/this worker stored (\d+)/.exec(r.stderr)?.[1] ?? 0)),
    };
    const sqliteStore = await openRunStore({ dataDir: join(dir, 'store-large') });
    const pgStore = await openRunStore({ databaseUrl: pg.url });
    try {
      log('batch: dataset summaries over the large dataset');
      results.sqlite.summaryMs = await summaryMs(sqliteStore, 'one-large');
      results.postgres.summaryMs = await summaryMs(pgStore, 'one-large');
    } finally {
      await sqliteStore.close();
      await pgStore.close();
    }
    results.dataDir = join(dir, 'store-large');
    return {
      ...results,
      cleanup: async () => {
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
