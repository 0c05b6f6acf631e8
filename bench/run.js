/**
 * `npm run bench` (after `npm run build`): what logprobs cost in local generation, and how fast the
 * core parses and analyses. Prints tables of tokens/s with the ratio to a baseline measured in the
 * same run, the goals and whether they are met. Exits 0 either way: the numbers are the result.
 *
 *   node bench/run.js [--runs N] [--only local|core|web|classify|batch|save|size|facts|reference]
 *
 * Reference: `tokenscope serve` against llama-server, when $TOKENSCOPE_LLAMA_SERVER names its binary.
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
import { benchBatch } from './batch.js';
import { benchClassify } from './classify.js';
import { benchCore } from './core.js';
import { printFactScores } from './factTable.js';
import { benchModel, MODES } from './local.js';
import { benchPackageSize, GOAL_BUNDLE_BYTES, GOAL_INSTALLED_BYTES } from './packageSize.js';
import { benchReference, REFERENCE_MODES } from './reference.js';
import { benchImportLatency, benchSave } from './save.js';
import { formatRate, formatTable } from './stats.js';
import { benchWeb } from './web.js';

const GOAL_TOP20 = 0.05;
const GOAL_SAVE_MS = 150;
const PROMPT = 'Once upon a time, there was a little girl named Lily. She';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, only: { type: 'string' } },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number >= 1, got ${args.runs}`);
if (
  args.only !== undefined &&
  !['local', 'core', 'web', 'classify', 'batch', 'save', 'size', 'facts', 'reference'].includes(args.only)
)
  throw new Error(
    `--only must be local, core, web, classify, batch, save, size, facts or reference, got ${args.only}`,
  );
const want = (section) => args.only === undefined || args.only === section;
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

async function runWeb() {
  const webRuns = Math.min(runs, 5);
  const result = await benchWeb({ runs: webRuns, log });
  console.log(`\n## Web app: the X-ray of a 10,000-token answer in chromium (median of ${webRuns} loads)\n`);
  if (result.skipped) {
    console.log(`skipped: ${result.skipped}`);
    return;
  }
  const ms = (v) => `${Math.round(v).toLocaleString('en-US')} ms`;
  console.log(
    formatTable(
      ['what', 'time'],
      [
        [
          'harness (xray.html?big=10000): response to first paint of the X-ray',
          ms(result.harness.firstPaintMs),
        ],
        ['  of which parse', ms(result.harness.parseMs)],
        ['harness: response to charts drawn', ms(result.harness.chartsMs)],
        ['app: open #/run/ID, navigation start to the tokens painted', ms(result.app.paintedMs)],
        ['app: run JSON received to the tokens painted', ms(result.app.fromRunMs)],
        [
          `app: key press (n, ArrowRight) to next frame, median of ${result.keys.count}`,
          ms(result.keys.median),
        ],
        ['app: key press to next frame, slowest', ms(result.keys.max)],
      ],
    ),
  );
}

async function runClassify() {
  const { loadEngine } = await import('../packages/local/dist/index.js');
  const results = [];
  for (const name of ['stories260K.gguf', 'TinyStories-656K-Q8_0.gguf']) {
    const modelPath = join(modelsDir, name);
    if (!existsSync(modelPath)) {
      log(`skipped ${modelPath}: not found`);
      continue;
    }
    results.push(await benchClassify({ loadEngine, modelPath, runs, log }));
  }
  console.log(`\n## Classification: 8 labels against 1 (ms per classification, median of ${runs} runs)\n`);
  const ms = (v) => `${v.toFixed(1)} ms`;
  console.log(
    formatTable(
      ['model', 'prompt tokens', '1 label', '8 labels', '8 / 1', '8 labels, one full pass each'],
      results.map((r) => [
        r.model,
        String(r.prefixTokens),
        ms(r.ms.one),
        ms(r.ms.eight),
        `${r.ratio.toFixed(2)}×`,
        ms(r.ms.naive),
      ]),
    ),
  );
  return results;
}

async function runBatchSection() {
  const r = await benchBatch({ log });
  try {
    const n = (v) => v.toLocaleString('en-US');
    console.log(`\n## Batch: recorded responses into the run store (real binary; one worker unless said)\n`);
    const rows = [];
    for (const backend of ['sqlite', 'postgres']) {
      for (const size of ['small', 'large']) {
        const x = r[backend][size];
        rows.push([
          `${backend}, ${n(r.rows[size])} rows`,
          `${x.seconds.toFixed(1)} s`,
          `${x.rate.toFixed(0)} answers/s`,
          `${x.peakMiB.toFixed(0)} MiB`,
        ]);
      }
    }
    const two = r.postgres.two;
    rows.push([
      `postgres, ${n(r.rows.large)} rows, two workers (stored ${two.stored.join(' + ')})`,
      `${two.seconds.toFixed(1)} s`,
      `${two.rate.toFixed(0)} answers/s`,
      '',
    ]);
    console.log(formatTable(['what', 'time', 'rate', 'peak memory'], rows));
    const ratio = two.rate / r.postgres.large.rate;
    const flat = r.sqlite.large.peakMiB / r.sqlite.small.peakMiB;
    console.log(
      `\ndataset summary of ${n(r.rows.large)} runs grouped by model (median of 5): SQLite ${r.sqlite.summaryMs.toFixed(0)} ms, PostgreSQL ${r.postgres.summaryMs.toFixed(0)} ms`,
    );
    console.log(
      `peak memory ${n(r.rows.large)} rows / ${n(r.rows.small)} rows (SQLite): ${flat.toFixed(2)}×`,
    );
    console.log(
      `two workers against one (PostgreSQL): ${ratio.toFixed(2)}× ${ratio >= 1.7 ? 'MET' : 'NOT MET'} (goal 1.7×)`,
    );
    if (want('web') || args.only === 'batch') await runDatasetsView(r.dataDir, r.rows.large);
  } finally {
    await r.cleanup();
  }
}

async function runDatasetsView(dataDir, rows) {
  const { benchDatasetsView } = await import('./datasetsView.js');
  const result = await benchDatasetsView({ dataDir, log });
  if (result.skipped) {
    console.log(`datasets view: skipped: ${result.skipped}`);
    return;
  }
  console.log(
    `datasets view over ${rows.toLocaleString('en-US')} runs: navigation to the first chart drawn ${Math.round(result.firstChartMs)} ms (median of ${result.loads} loads; summary request ${Math.round(result.summaryMs)} ms)`,
  );
}

async function runSaveSection() {
  const ms = (v) => `${Math.round(v).toLocaleString('en-US')} ms`;
  const save = await benchSave({ runs, log });
  console.log(`\n## Saving a 10,000-token run with top-20 alternatives to SQLite (median of ${runs} runs)\n`);
  console.log(
    formatTable(
      ['what', 'time'],
      [
        ['store.save: everything on the calling thread', ms(save.saveMs)],
        ['encodeRun: validation, analysis, JSON (a large import: its worker thread)', ms(save.encodeMs)],
        ['saveEncoded: the inserts (the thread that answers requests)', ms(save.insertMs)],
      ],
    ),
  );
  const met = save.insertMs <= GOAL_SAVE_MS;
  console.log(
    `\ngoal: the thread that answers requests spends at most ${GOAL_SAVE_MS} ms on it (an import): ${ms(save.insertMs)} ${met ? 'MET' : 'NOT MET'}`,
  );
  const imports = await benchImportLatency({ log });
  console.log(`\n## GET /v1/models while tokenscope app imports a large file (one request after another)\n`);
  console.log(
    formatTable(
      ['import', 'answer', 'import time', '/v1/models answered', 'slowest', 'median'],
      imports.map((r) => [
        `${r.name} (${r.mb.toFixed(1)} MB)`,
        String(r.status),
        ms(r.importMs),
        String(r.probes),
        ms(r.maxWaitMs),
        ms(r.medianWaitMs),
      ]),
    ),
  );
}

async function runReferenceSection() {
  const llamaServer = process.env.TOKENSCOPE_LLAMA_SERVER;
  if (llamaServer === undefined || !existsSync(llamaServer)) {
    console.log(
      `\n## tokenscope serve against llama-server\n\nskipped: set TOKENSCOPE_LLAMA_SERVER to a llama-server binary built from node-llama-cpp's llama.cpp (docs/performance.md)`,
    );
    return;
  }
  const { parseResponse } = await import('../packages/core/dist/index.js');
  const models = ['stories260K.gguf', 'TinyStories-656K-Q8_0.gguf']
    .map((f) => join(modelsDir, f))
    .filter((p) => existsSync(p));
  const results = [];
  for (const modelPath of models) {
    log(`reference: ${modelPath}`);
    results.push(
      await benchReference({
        llamaServer,
        modelPath,
        prompt: PROMPT,
        maxTokens: 128,
        runs,
        log,
        parseResponse,
      }),
    );
  }
  console.log(
    `\n## tokenscope serve against llama-server (/v1/completions, 128 tokens, greedy, ignore_eos, 1 thread; tokens/s the client sees, median of ${runs} interleaved rounds)\n`,
  );
  const rows = [];
  for (const r of results) {
    for (const m of REFERENCE_MODES) {
      const ours = r.rates[`tokenscope/${m.id}`];
      const theirs = r.rates[`llama-server/${m.id}`];
      rows.push([r.model, m.label, formatRate(ours), formatRate(theirs), (ours / theirs).toFixed(2)]);
    }
  }
  console.log(formatTable(['model', 'logprobs', 'tokenscope serve', 'llama-server', 'ratio'], rows));
  console.log(
    '\nFidelity (greedy, top-5, 32 tokens, the same prompt; largest |logprob difference| over chosen tokens and shared alternatives):',
  );
  for (const r of results) {
    const f = r.fidelity;
    console.log(
      `  ${r.model}: ${f.sameTokens ? 'same tokens' : 'DIFFERENT tokens'}; max difference ${f.at16.toExponential(1)} over the first 16 tokens, ${f.maxDiff.toExponential(1)} over ${f.tokens}`,
    );
  }
}

async function runSizeSection() {
  const { installed, bundle, namesBundle } = await benchPackageSize({ log });
  const kb = (bytes) => `${(bytes / 1e3).toLocaleString('en-US', { maximumFractionDigits: 1 })} kB`;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  const shares = (list, total, unit) =>
    list
      .slice(0, 4)
      .map((p) => `${p.name} ${unit(p.bytes)} (${Math.round((100 * p.bytes) / total)} %)`)
      .join(', ');
  console.log(`\n## Size (1 kB = 1,000 bytes)\n`);
  console.log(
    formatTable(
      ['what', 'size', 'goal', 'largest parts'],
      [
        [
          `@tokenscope/core installed with its dependencies (${installed.packages.length} packages; tarball ${kb(installed.tarballBytes)})`,
          mb(installed.bytes),
          `< ${mb(GOAL_INSTALLED_BYTES)} ${installed.bytes < GOAL_INSTALLED_BYTES ? 'MET' : 'NOT MET'}`,
          shares(installed.packages, installed.bytes, mb),
        ],
        [
          `parse + analyze for a browser (esbuild, minified; gzip ${kb(bundle.gzipBytes)})`,
          kb(bundle.bytes),
          `< ${kb(GOAL_BUNDLE_BYTES)} ${bundle.bytes < GOAL_BUNDLE_BYTES ? 'MET' : 'NOT MET'}`,
          shares(bundle.packages, bundle.bytes, kb),
        ],
        [
          `+ names (import '@tokenscope/core/names': compromise; gzip ${kb(namesBundle.gzipBytes)})`,
          kb(namesBundle.bytes),
          'loaded only by apps that want names',
          shares(namesBundle.packages, namesBundle.bytes, kb),
        ],
      ],
    ),
  );
}

const local = want('local') ? await runLocal() : [];
const classify = want('classify') ? await runClassify() : [];
if (want('core')) await runCore();
if (want('web')) await runWeb();
if (want('batch')) await runBatchSection();
if (want('save')) await runSaveSection();
if (want('size')) await runSizeSection();
if (want('facts')) await printFactScores();
if (want('reference')) await runReferenceSection();

if (local.length > 0 || classify.length > 0) console.log(`\n## Goals\n`);
if (local.length > 0) {
  for (const r of local) {
    const overhead = r.modes.off / r.modes.top20 - 1;
    const met = overhead <= GOAL_TOP20;
    console.log(
      `top-20 at most ${GOAL_TOP20 * 100} % slower than off, ${r.model}: ${(overhead * 100).toFixed(1)} % ${met ? 'MET' : 'NOT MET'}`,
    );
  }
}
for (const r of classify) {
  console.log(
    `classification of 8 labels < 2× one label, ${r.model}: ${r.ratio.toFixed(2)}× ${r.ratio < 2 ? 'MET' : 'NOT MET'}`,
  );
}
console.log(`\ntotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);
