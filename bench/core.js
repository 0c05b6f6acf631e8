/**
 * Core throughput: parsing + analysing a large OpenAI chat SSE stream (tokens/s), and the raw-logits
 * parser (log-softmax, entropy and top-20 of every row) on a 128k vocabulary (steps/s).
 */
import { analyze, parseResponse } from '../packages/core/dist/index.js';
import { median, timed } from './stats.js';

/** A seeded PRNG (mulberry32) so every run parses the same input. */
function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = [
  'The',
  ' answer',
  ' is',
  ' 42',
  ',',
  ' Paris',
  ' in',
  ' 1889',
  '.',
  ' é',
  '\n',
  ' model',
];

const item = (token, logprob) => ({ token, logprob, bytes: [...Buffer.from(token, 'utf8')] });

/**
 * An OpenAI Chat Completions SSE stream of `count` tokens: `step(i)` gives token `i`, its logprob
 * and its alternatives (`[token, logprob]` pairs after the chosen token itself).
 */
export function chatSseOf(count, step) {
  const events = [];
  for (let i = 0; i < count; i++) {
    const { token, logprob, alternatives } = step(i);
    const top = [item(token, logprob), ...alternatives.map(([t, l]) => item(t, l))];
    const chunk = {
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: 1_763_800_000,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          delta: { content: token },
          logprobs: { content: [{ ...item(token, logprob), top_logprobs: top }], refusal: null },
          finish_reason: null,
        },
      ],
    };
    events.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  const last = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  };
  events.push(`data: ${JSON.stringify(last)}\n\ndata: [DONE]\n\n`);
  return events.join('');
}

/** An OpenAI Chat Completions SSE stream of `count` tokens with `topK` alternatives each. */
export function makeChatSse(count, topK) {
  const random = createRandom(7);
  return chatSseOf(count, (i) => {
    const token = WORDS[i % WORDS.length];
    const logprob = Math.log(0.05 + random() * 0.95);
    // the alternatives share what the chosen token leaves (halving, with jitter): the top-k sums below 1
    const rest = Math.log1p(-Math.exp(logprob));
    const alternatives = [];
    for (let k = 1; k < topK; k++)
      alternatives.push([WORDS[(i + k) % WORDS.length] + k, rest - k * Math.LN2 - random()]);
    return { token, logprob, alternatives };
  });
}

/** A raw-logits document: `steps` rows of `vocab` logits (3 decimals, as a JSON dump would have). */
export function makeLogitsDocument(steps, vocab) {
  const random = createRandom(11);
  const rows = [];
  for (let s = 0; s < steps; s++) {
    const row = new Array(vocab);
    for (let i = 0; i < vocab; i++) row[i] = Number((random() * 20 - 10).toFixed(3));
    rows.push(`[${row.join(',')}]`);
  }
  return `{"logits":[${rows.join(',')}]}`;
}

/** Runs both measurements; returns rows for the report. */
export async function benchCore({ runs, log }) {
  const results = [];

  const tokens = 20_000;
  const sse = makeChatSse(tokens, 5);
  log(
    `core: OpenAI chat SSE stream, ${tokens.toLocaleString('en-US')} tokens × top-5 (${(sse.length / 1e6).toFixed(1)} MB)`,
  );
  const parse = [];
  const both = [];
  parseResponse(sse); // warm-up
  for (let r = 0; r < runs; r++) {
    const [parseMs, response] = await timed(() => parseResponse(sse));
    const [analyzeMs, analysis] = await timed(() => analyze(response));
    if (analysis.tokens.length !== tokens)
      throw new Error(`expected ${tokens} tokens, got ${analysis.tokens.length}`);
    parse.push(parseMs);
    both.push(parseMs + analyzeMs);
  }
  results.push({
    what: 'parse OpenAI chat SSE (top-5)',
    unit: 'tokens/s',
    rate: (tokens * 1000) / median(parse),
  });
  results.push({
    what: 'parse + analyze OpenAI chat SSE',
    unit: 'tokens/s',
    rate: (tokens * 1000) / median(both),
  });

  const steps = 16;
  const vocab = 128_000;
  const doc = makeLogitsDocument(steps, vocab);
  log(
    `core: raw logits, ${steps} steps × ${vocab.toLocaleString('en-US')} vocabulary (${(doc.length / 1e6).toFixed(1)} MB)`,
  );
  const logits = [];
  parseResponse(doc, { from: 'logits' }); // warm-up
  for (let r = 0; r < runs; r++) {
    const [ms, response] = await timed(() => parseResponse(doc, { from: 'logits', topK: 20 }));
    if (response.completions[0].tokens.length !== steps) throw new Error('wrong number of logits steps');
    logits.push(ms);
  }
  results.push({
    what: 'raw-logits parser, 128k vocab, top-20',
    unit: 'steps/s',
    rate: (steps * 1000) / median(logits),
  });
  return results;
}
