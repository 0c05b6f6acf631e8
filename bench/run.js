/**
 * `npm run bench` (after `npm run build`): what logprobs cost in local generation, and how fast the
 * core parses and analyses. Prints tables of tokens/s with the ratio to a baseline measured in the
 * same run, the goals and whether they are met. Exits 0 either way: the numbers are the result.
 *
 *   node bench/run.js [--runs N] [--only local|core]
 *
 * Local: both models in ../shared/models (or $TOKENSCOPE_MODELS_DIR) and a synthetic 128k-vocabulary
 * model written to the temp folder at start (scripts/make-synthetic-gguf.mjs). See docs/performance.md.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getLlama } from 'node-llama-cpp';
import { writeSyntheticGguf } from '../scripts/make-synthetic-gguf.mjs';
import { benchCore } from './core.js';
import { benchModel, MODES } from './local.js';
import { formatRate, formatTable } from './stats.js';

const GOAL_TOP20 = 0.05;
const PROMPT = 'Once upon a time, there was a little girl named Lily. She';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, only: { type: 'string' } },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number >= 1, got ${args.runs}`);
const log = (line) => process.stderr.write(`${line}\n`);
const started = performance.now();

const modelsDir =
  process.env.TOKENSCOPE_MODELS_DIR ?? fileURLToPath(new URL('../../shared/models/', import.meta.url));
const version = (() => {
  try {
    const url = new URL('../node_modules/node-llama-cpp/package.json', import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return '?';
  }
})();
console.log('# Tokenscope benchmark');
console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at start; node ${process.version}; node-llama-cpp ${version}`,
);

async function runLocal() {
  const { loadEngine } = await import('../packages/local/dist/index.js');
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
  const synthDir = join(tmpdir(), 'tokenscope-bench');
  mkdirSync(synthDir, { recursive: true });
  const synthetic = join(synthDir, 'synthetic-128k.gguf');
  const written = writeSyntheticGguf({ out: synthetic, vocab: 128_000 });
  log(`wrote ${synthetic} (${(written.bytes / 1e6).toFixed(1)} MB)`);
  const models = [
    { path: join(modelsDir, 'stories260K.gguf'), maxTokens: 256 },
    { path: join(modelsDir, 'TinyStories-656K-Q8_0.gguf'), maxTokens: 256 },
    { path: synthetic, maxTokens: 32 },
  ].filter((m) => {
    if (!existsSync(m.path)) log(`skipped ${m.path}: not found`);
    return existsSync(m.path);
  });
  const results = [];
  try {
    for (const m of models) {
      log(`local: ${m.path}`);
      results.push(
        await benchModel({
          llama,
          loadEngine,
          modelPath: m.path,
          prompt: PROMPT,
          maxTokens: m.maxTokens,
          runs,
          log,
        }),
      );
    }
  } finally {
    rmSync(synthetic, { force: true });
  }

  console.log(`\n## Local generation (tokens/s, median of ${runs} runs; threads 1, greedy, contextSize 512)`);
  console.log(
    `prompt: ${JSON.stringify(PROMPT)}; time per token relative to "engine, logprobs off" in brackets\n`,
  );
  const header = ['mode', ...results.map((r) => `${r.model} (vocab ${r.vocabSize.toLocaleString('en-US')})`)];
  const rows = MODES.map((m) => [
    m.label,
    ...results.map((r) => `${formatRate(r.modes[m.id])} (${(r.modes.off / r.modes[m.id]).toFixed(2)}×)`),
  ]);
  rows.push(['tokens per run', ...results.map((r) => String(r.maxTokens))]);
  console.log(formatTable(header, rows));
  for (const r of results) {
    if (!r.sameText)
      console.log(`WARNING: ${r.model}: the engine modes did not all generate the same greedy text`);
  }
  return results;
}

async function runCore() {
  const results = await benchCore({ runs, log });
  console.log(`\n## Core (median of ${runs} runs)\n`);
  console.log(
    formatTable(
      ['what', 'rate', 'unit'],
      results.map((r) => [r.what, formatRate(r.rate), r.unit]),
    ),
  );
  return results;
}

const local = args.only === 'core' ? [] : await runLocal();
if (args.only !== 'local') await runCore();

if (local.length > 0) {
  console.log(`\n## Goals\n`);
  for (const r of local) {
    const overhead = r.modes.off / r.modes.top20 - 1;
    const met = overhead <= GOAL_TOP20;
    console.log(
      `top-20 at most ${GOAL_TOP20 * 100} % slower than off, ${r.model}: ${(overhead * 100).toFixed(1)} % ${met ? 'MET' : 'NOT MET'}`,
    );
  }
}
console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);
