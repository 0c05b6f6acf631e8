// A batch worker: claims and completes the rows `row-0` .. `row-<count - 1>` of a dataset until every
// one is done, printing `<rowKey> <runId>` for each row it stored. Several of these run at once in the
// concurrency tests; every row must end up stored exactly once. With a chunk of 1 it uses claimRow
// and completeRow; with more, claimRows and completeRows on that many rows at a time (as
// `tokenscope batch` does).
// Usage: node batchWorker.mjs <file | --database-url URL> <dataset> <worker> <count> <leaseMs> <chunk> [--wait]
// With --wait it opens the store, prints "ready" and starts when a line arrives on stdin.
import { readFileSync } from 'node:fs';
import { parseResponse } from '@tokenscope/core';
import { openRunStore } from '../dist/index.js';

const args = process.argv.slice(2);
const where = args[0] === '--database-url' ? { databaseUrl: args.splice(0, 2)[1] } : { file: args.shift() };
const [dataset, worker, count, lease, chunkArg, wait] = args;
const leaseMs = Number(lease);
const chunk = Number(chunkArg);
const fixture = new URL(
  '../../core/src/formats/__fixtures__/openai-chat.seed003.recorded.json',
  import.meta.url,
);
const response = parseResponse(readFileSync(fixture, 'utf8'));
const runOf = (rowKey) => ({
  title: `${worker} ${rowKey}`,
  source: 'local',
  model: 'stories260K.gguf',
  prompt: { kind: 'text', text: rowKey },
  params: {},
  response,
});
const store = await openRunStore(where);
if (wait === '--wait') {
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
}

/** Tries the rows once; returns those not known to be done (busy, or lost to another worker). */
async function pass(keys) {
  if (chunk === 1) {
    const left = [];
    for (const rowKey of keys) {
      const claim = await store.claimRow(dataset, rowKey, worker, leaseMs);
      if (claim === 'done') continue;
      const run =
        claim === 'claimed' ? await store.completeRow(dataset, rowKey, worker, runOf(rowKey)) : null;
      if (run === null) left.push(rowKey);
      else process.stdout.write(`${rowKey} ${run.id}\n`);
    }
    return left;
  }
  const left = [];
  for (let i = 0; i < keys.length; i += chunk) {
    const states = await store.claimRows(dataset, keys.slice(i, i + chunk), worker, leaseMs);
    const mine = [...states].filter(([, state]) => state === 'claimed').map(([rowKey]) => rowKey);
    const runs = await store.completeRows(
      dataset,
      worker,
      mine.map((rowKey) => ({ rowKey, run: runOf(rowKey) })),
    );
    mine.forEach((rowKey, j) => {
      if (runs[j] !== null) process.stdout.write(`${rowKey} ${runs[j].id}\n`);
    });
    for (const [rowKey, state] of states) if (state === 'busy') left.push(rowKey);
    for (const [j, rowKey] of mine.entries()) if (runs[j] === null) left.push(rowKey);
  }
  return left;
}

let pending = Array.from({ length: Number(count) }, (_, i) => `row-${i}`);
while (pending.length > 0) {
  pending = await pass(pending);
  if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}
await store.close();
