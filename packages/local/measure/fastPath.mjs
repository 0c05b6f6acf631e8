// Measures generation speed of the engine's logprob modes against plain node-llama-cpp generation.
// Not a test: run it yourself after `npx tsc -b packages/local`:
//   node packages/local/measure/fastPath.mjs [tokens=200] [rounds=5]
// Prints, per mode, the median over interleaved rounds of tokens/s (wall clock) and of the process's CPU
// time per token (user + system, all threads: steadier than wall time on a busy machine), with ratios.
import { join } from 'node:path';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { loadEngine } from '../dist/loadEngine.js';

const MODELS =
  process.env.TOKENSCOPE_MODELS_DIR ?? new URL('../../../../shared/models/', import.meta.url).pathname;
const TOKENS = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 5);
const PROMPT = 'Once upon a time';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const file of ['stories260K.gguf', 'TinyStories-656K-Q8_0.gguf']) {
  const path = join(MODELS, file);
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({ contextSize: 512, threads: 1, sequences: 1 });
  const sequence = context.getSequence();
  const prompt = [model.tokens.bos, ...model.tokenize(PROMPT)];
  const engine = await loadEngine(path, { contextSize: 512, threads: 1 });

  const timed = async (run) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const n = await run();
    const used = process.cpuUsage(cpu);
    return { rate: n / ((performance.now() - start) / 1000), cpu: (used.user + used.system) / n };
  };
  const plain = () =>
    timed(async () => {
      await sequence.clearHistory();
      let n = 0;
      for await (const _ of sequence.evaluate(prompt, { temperature: 0 })) if (++n >= TOKENS) break;
      return n;
    });
  const viaEngine = (extra) => () =>
    timed(async () => {
      const r = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: TOKENS, ...extra });
      return r.usage.completionTokens;
    });
  const modes = {
    plain,
    off: viaEngine({ logprobs: false }),
    top0: viaEngine({ topLogprobs: 0 }),
    top5: viaEngine({ topLogprobs: 5 }),
    top20: viaEngine({ topLogprobs: 20 }),
    'top20 t=0.7': viaEngine({ topLogprobs: 20, temperature: 0.7, seed: 1 }),
    all: viaEngine({ topLogprobs: 'all' }),
  };
  const rates = Object.fromEntries(Object.keys(modes).map((k) => [k, []]));
  await modes.plain();
  await modes.off();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(modes)) rates[name].push(await run());
  }
  const rateOf = (name) => median(rates[name].map((r) => r.rate));
  const cpuOf = (name) => median(rates[name].map((r) => r.cpu));
  console.log(`\n${file} (${TOKENS} tokens, median of ${ROUNDS}, threads 1)`);
  console.log('mode          tok/s  vs plain  vs off | CPU us/token  vs plain  vs off');
  for (const name of Object.keys(rates)) {
    const [rate, cpu] = [rateOf(name), cpuOf(name)];
    const r = (x) => x.toFixed(2).padStart(8);
    console.log(
      `${name.padEnd(12)} ${rate.toFixed(0).padStart(6)} ${r(rate / rateOf('plain'))} ${r(rate / rateOf('off'))} | ${cpu.toFixed(0).padStart(12)} ${r(cpu / cpuOf('plain'))} ${r(cpu / cpuOf('off'))}`,
    );
  }
  await engine.close();
  await context.dispose();
  await model.dispose();
}
