/**
 * Classification cost (issue 6): `classify` with 8 labels against 1 label on the same kind of prompt,
 * through the engine's `scoreContinuations` (what `tokenscope classify` runs), and 8 labels scored
 * the naive way, one full `score(prompt + label)` pass per label, for contrast. Each measurement
 * gets a prompt of its own (a ticket number in the text), so no call finds its prefix already in
 * the KV cache from the one before; modes are interleaved within each repetition.
 */
import { basename } from 'node:path';
import { median, timed } from './stats.js';

export const LABELS = [
  'billing',
  'bug report',
  'feature request',
  'account access',
  'refund',
  'shipping',
  'praise',
  'other',
];

const TEMPLATE = 'Classify the message into one of these categories: {labels}.\n\nMessage: {text}\nCategory:';
const MESSAGE =
  'Hello, I have been a customer for two years and this month I was charged twice for my plan. ' +
  'I tried to fix it in the settings page but the page would not load, and the help button did ' +
  'nothing. Can someone look at my account and send the extra money back? Thank you.';

function prompt(n, labels) {
  const text = `Ticket ${n}. ${MESSAGE}`;
  return TEMPLATE.replace('{labels}', labels.join(', ')).replace('{text}', text);
}

/**
 * Measures one model. Returns `{ model, prefixTokens, runs, ms: {one, eight, naive}, ratio }` with
 * median milliseconds per classification and `ratio = eight / one`.
 */
export async function benchClassify({ loadEngine, modelPath, runs, log }) {
  const engine = await loadEngine(modelPath, { contextSize: 512, threads: 1 });
  const continuations = LABELS.map((l) => ` ${l}`);
  const samples = { one: [], eight: [], naive: [] };
  let n = 0;
  const modes = {
    one: () => engine.scoreContinuations(prompt(n++, LABELS), continuations.slice(0, 1)),
    eight: () => engine.scoreContinuations(prompt(n++, LABELS), continuations),
    naive: async () => {
      const p = prompt(n++, LABELS);
      for (const c of continuations) await engine.score(p + c);
    },
  };
  let prefixTokens = 0;
  try {
    prefixTokens = (await engine.tokenize(prompt(0, LABELS))).length;
    for (const run of Object.values(modes)) await run(); // warm-up
    for (let r = 0; r < runs; r++) {
      for (const [id, run] of Object.entries(modes)) {
        const [ms] = await timed(run);
        samples[id].push(ms);
      }
      log(`  classify ${basename(modelPath)}: run ${r + 1}/${runs}`);
    }
  } finally {
    await engine.close();
  }
  const ms = Object.fromEntries(Object.entries(samples).map(([id, s]) => [id, median(s)]));
  return { model: basename(modelPath), prefixTokens, runs, ms, ratio: ms.eight / ms.one };
}
