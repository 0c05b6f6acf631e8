// Saves runs to a store in a loop and prints each id once `save` has resolved (a pipe write is
// synchronous on Linux, so a printed id was committed). Used by the durability and concurrency tests.
// Usage: node writeRuns.mjs <file | --database-url URL> <count|forever> <label> [--wait]
// With --wait it opens the store, prints "ready" and starts writing when a line arrives on stdin.
import { readFileSync } from 'node:fs';
import { parseResponse } from '@tokenscope/core';
import { openRunStore } from '../dist/index.js';

const args = process.argv.slice(2);
const where = args[0] === '--database-url' ? { databaseUrl: args.splice(0, 2)[1] } : { file: args.shift() };
const [count, label, wait] = args;
const fixture = new URL(
  '../../core/src/formats/__fixtures__/openai-chat.seed003.recorded.json',
  import.meta.url,
);
const response = parseResponse(readFileSync(fixture, 'utf8'));
const store = await openRunStore(where);
if (wait === '--wait') {
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
}
const limit = count === 'forever' ? Number.POSITIVE_INFINITY : Number(count);
for (let i = 0; i < limit; i++) {
  const run = await store.save({
    title: `${label} ${i}`,
    tags: [label],
    source: 'local',
    model: 'stories260K.gguf',
    prompt: { kind: 'text', text: `prompt ${i}` },
    params: {},
    response,
  });
  process.stdout.write(`${run.id}\n`);
}
await store.close();
