/**
 * Local generation speed: tokens/s with logprobs off, top-5, top-20 and the full vocabulary, through
 * the engine API, plus plain node-llama-cpp `sequence.evaluate` as the library's own baseline. Greedy
 * decoding, one thread, the same prompt for every mode; top-20 also through node-llama-cpp's sampling
 * calls (the engine without its native logits reader); modes are interleaved within each repetition
 * so that load from other processes falls on all of them alike; the median of the runs is reported.
 */
import { basename } from 'node:path';
import { median, timed } from './stats.js';

export const MODES = [
  { id: 'baseline', label: 'node-llama-cpp evaluate', request: null },
  { id: 'off', label: 'engine, logprobs off', request: { logprobs: false } },
  { id: 'top5', label: 'engine, top-5', request: { logprobs: true, topLogprobs: 5 } },
  { id: 'top20', label: 'engine, top-20', request: { logprobs: true, topLogprobs: 20 } },
  {
    id: 'top20Calls',
    label: "engine, top-20, node-llama-cpp's sampling calls (no native reader)",
    request: { logprobs: true, topLogprobs: 20 },
    engine: 'calls',
  },
  { id: 'all', label: 'engine, full vocabulary', request: { logprobs: true, topLogprobs: 'all' } },
];

/** Plain node-llama-cpp: evaluate the prompt and take `maxTokens` greedy tokens. */
async function createBaseline(llama, modelPath, { contextSize, threads }) {
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize, threads });
  const sequence = context.getSequence();
  return {
    async generate(prompt, maxTokens) {
      await sequence.clearHistory();
      let count = 0;
      for await (const token of sequence.evaluate(model.tokenize(prompt), { temperature: 0 })) {
        if (model.isEogToken(token)) break;
        if (++count >= maxTokens) break;
      }
      return count;
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}

/**
 * Measures one model. Returns `{ model, vocabSize, maxTokens, runs, modes: {id: tokensPerSecond},
 * sameText }` where `sameText` says whether every engine mode generated the same greedy text.
 */
export async function benchModel({ llama, loadEngine, modelPath, prompt, maxTokens, runs, log }) {
  const options = { contextSize: 512, threads: 1 };
  const baseline = await createBaseline(llama, modelPath, options);
  const engine = await loadEngine(modelPath, options);
  // The same engine reading logits through node-llama-cpp's sampling calls: what the native reader saves.
  const calls = await loadEngine(modelPath, { ...options, nativeLogits: false });
  const texts = new Map();
  const samples = Object.fromEntries(MODES.map((m) => [m.id, []]));
  const runMode = async (mode) => {
    if (mode.request === null) {
      const [ms, count] = await timed(() => baseline.generate(prompt, maxTokens));
      return { ms, count };
    }
    const request = { prompt, maxTokens, temperature: 0, ...mode.request };
    const target = mode.engine === 'calls' ? calls : engine;
    const [ms, result] = await timed(() => target.generate(request));
    texts.set(mode.id, result.text);
    return { ms, count: result.tokens.length };
  };
  try {
    for (const mode of MODES) await runMode(mode); // warm-up
    for (let r = 0; r < runs; r++) {
      for (const mode of MODES) {
        const { ms, count } = await runMode(mode);
        samples[mode.id].push((count * 1000) / ms);
      }
      log(`  ${basename(modelPath)}: run ${r + 1}/${runs}`);
    }
  } finally {
    await engine.close();
    await calls.close();
    await baseline.close();
  }
  const modes = Object.fromEntries(MODES.map((m) => [m.id, median(samples[m.id])]));
  const sameText = new Set(texts.values()).size <= 1;
  return {
    model: basename(modelPath),
    vocabSize: engine.info.vocabSize,
    logitsReader: engine.info.logitsReader,
    maxTokens,
    runs,
    modes,
    sameText,
  };
}
