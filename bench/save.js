/**
 * Large runs and a responsive server:
 *   - saving a 10,000-token run with top-20 alternatives to SQLite: `store.save` (everything on the
 *     calling thread) and, split as a large import runs it, `encodeRun` (validation, analysis, JSON;
 *     in the import worker) and `saveEncoded` (the inserts, on the thread that answers requests);
 *   - `tokenscope app` (no model) importing 6 MB of junk and the 15 MB valid response, while
 *     `GET /v1/models` is asked again and again: how long each answer waited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResponse } from '../packages/core/dist/index.js';
import { encodeRun, openRunStore } from '../packages/store/dist/index.js';
import { startApp } from '../packages/web/test/tokenscopeProcess.js';
import { chatSseOf, WORDS } from './core.js';
import { median } from './stats.js';

const TOKENS = 10_000;
const TOP = 20;

/**
 * An OpenAI Chat Completions SSE stream of `count` tokens with `top` alternatives each whose
 * probabilities sum to less than 1 (core refuses more), about 1.8 KB per token at top-20.
 */
function makeTopSse(count, top) {
  return chatSseOf(count, (i) => {
    const token = WORDS[i % WORDS.length];
    const logprob = -0.5 - (i % 17) / 10;
    const alternatives = [];
    for (let k = 1; k < top; k++)
      alternatives.push([`${WORDS[(i + k) % WORDS.length]}${k}`, logprob - k - 1]);
    return { token, logprob, alternatives };
  });
}

/**
 * 6 MB of OpenAI chat chunks without logprobs or an end: the parser reads them all before refusing
 * the file (400 `truncated_stream`).
 */
function makeJunk(bytes = 6_000_000) {
  const line = 'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

async function timeSaves(runs, save) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await save();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Median milliseconds of each way to save the 10,000-token top-20 run (one warm-up each). */
export async function benchSave({ runs, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-bench-save-'));
  const store = await openRunStore({ dataDir: dir });
  try {
    const response = parseResponse(makeTopSse(TOKENS, TOP));
    const run = { source: 'import', title: 'bench', model: 'm', prompt: null, params: {}, response };
    log(`save: ${TOKENS} tokens × top-${TOP}, ${runs} runs`);
    const result = {};
    await store.save(run);
    result.saveMs = await timeSaves(runs, () => store.save(run));
    const encoded = encodeRun(run);
    await store.saveEncoded(encoded);
    result.encodeMs = await timeSaves(runs, () => encodeRun(run));
    result.insertMs = await timeSaves(runs, () => store.saveEncoded(encoded));
    return result;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asks `url` one request after another until `until` settles; returns each answer's wait in ms. */
async function probe(url, until) {
  let done = false;
  until.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  const waits = [];
  while (!done) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    waits.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return waits;
}

async function timedImport(url, name, body) {
  const started = performance.now();
  const res = await fetch(`${url}/api/import?name=${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/**
 * Imports into the real `tokenscope app` while probing `GET /v1/models`: per import its status,
 * its time, and the slowest and median wait of the probes that ran during it.
 */
export async function benchImportLatency({ log }) {
  const tmp = mkdtempSync(join(tmpdir(), 'tokenscope-bench-import-'));
  let app;
  try {
    app = await startApp(join(tmp, 'data'), {
      model: null,
      cwd: tmp,
      env: { TOKENSCOPE_MODELS_DIR: undefined },
    });
    const bodies = [
      ['junk.sse.txt', makeJunk()],
      ['valid.sse.txt', makeTopSse(TOKENS, TOP)],
    ];
    const results = [];
    for (const [name, body] of bodies) {
      log(`import: ${name} (${(body.length / 1e6).toFixed(1)} MB)`);
      await fetch(`${app.url}/v1/models`); // warm
      const imported = timedImport(app.url, name, body);
      const waits = await probe(`${app.url}/v1/models`, imported);
      const { status, ms } = await imported;
      results.push({
        name,
        mb: body.length / 1e6,
        status,
        importMs: ms,
        probes: waits.length,
        maxWaitMs: Math.max(...waits),
        medianWaitMs: median(waits),
      });
    }
    return results;
  } finally {
    await app?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
