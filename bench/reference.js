/**
 * `tokenscope serve` against llama-server, when a llama-server binary is given
 * (`TOKENSCOPE_LLAMA_SERVER=/path/to/llama-server`): build it from the llama.cpp source node-llama-cpp
 * ships (docs/performance.md says how). Both serve the same GGUF on one thread; the client sends the
 * same `/v1/completions` request to each (greedy, the same prompt, `ignore_eos` so that every answer
 * has `maxTokens` tokens), rounds interleaved, and reports the median tokens/s the client sees, with
 * logprobs off, top-5 and top-20. Fidelity: the greedy top-5 answer of 32 tokens from both, parsed
 * by core's own parser: whether the tokens are the same and the largest difference of any logprob.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/tokenscope.js');

/** More llama-server arguments from $TOKENSCOPE_LLAMA_SERVER_ARGS (split on spaces), e.g. `-fa off`. */
function extraArgs() {
  return (process.env.TOKENSCOPE_LLAMA_SERVER_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitReady(url, child, what) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready`);
    try {
      const response = await fetch(`${url}/v1/models`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready after 120 s`);
}

async function start(kind, modelPath, llamaServer) {
  const port = await freePort();
  const [file, args] =
    kind === 'llama-server'
      ? [
          llamaServer,
          [
            ...['-m', modelPath, '--port', String(port), '-t', '1', '-tb', '1', '-c', '512', '-np', '1'],
            ...extraArgs(),
          ],
        ]
      : [
          process.execPath,
          [BIN, 'serve', '--model', modelPath, '--port', String(port), '--threads', '1', '--no-app'],
        ];
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, kind);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error.message}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
    },
  };
}

async function complete(server, model, body) {
  const response = await fetch(`${server.url}/v1/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model, temperature: 0, ...body }),
  });
  if (!response.ok) throw new Error(`${server.url}: ${response.status} ${await response.text()}`);
  return response.json();
}

export const REFERENCE_MODES = [
  { id: 'off', label: 'logprobs off', logprobs: undefined },
  { id: 'top5', label: 'top-5', logprobs: 5 },
  { id: 'top20', label: 'top-20', logprobs: 20 },
];

/** Measures one model on both servers. */
export async function benchReference({
  llamaServer,
  modelPath,
  prompt,
  maxTokens,
  runs,
  log,
  parseResponse,
}) {
  const model = basename(modelPath).replace(/\.gguf$/i, '');
  // Started one at a time: when the second fails to start, the first is stopped before the error.
  const servers = { tokenscope: await start('tokenscope', modelPath) };
  try {
    servers['llama-server'] = await start('llama-server', modelPath, llamaServer);
  } catch (error) {
    await servers.tokenscope.stop();
    throw error;
  }
  const samples = {};
  try {
    const once = async (name, mode) => {
      const body = { prompt, max_tokens: maxTokens, ignore_eos: true };
      if (mode.logprobs !== undefined) body.logprobs = mode.logprobs;
      const t = performance.now();
      const result = await complete(servers[name], model, body);
      const seconds = (performance.now() - t) / 1000;
      return result.usage.completion_tokens / seconds;
    };
    for (const name of Object.keys(servers)) for (const mode of REFERENCE_MODES) await once(name, mode); // warm-up
    for (let r = 0; r < runs; r++) {
      for (const mode of REFERENCE_MODES) {
        for (const name of Object.keys(servers)) {
          const key = `${name}/${mode.id}`;
          samples[key] ??= [];
          samples[key].push(await once(name, mode));
        }
      }
      log(`  reference ${model}: round ${r + 1}/${runs}`);
    }
    // Fidelity: greedy, top-5, 32 tokens, the same prompt.
    const answers = {};
    for (const name of Object.keys(servers)) {
      const raw = await complete(servers[name], model, {
        prompt,
        max_tokens: 32,
        logprobs: 5,
        ignore_eos: true,
      });
      answers[name] = parseResponse(JSON.stringify(raw)).completions[0].tokens;
    }
    const ours = answers.tokenscope;
    const theirs = answers['llama-server'];
    const sameTokens = ours.length === theirs.length && ours.every((t, i) => t.text === theirs[i].text);
    let maxDiff = 0;
    let at16 = 0;
    for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
      const a = ours[i];
      const b = theirs[i];
      const diffs = [Math.abs(a.logprob - b.logprob)];
      for (const alt of a.top) {
        const other = b.top.find((x) => x.text === alt.text);
        if (other) diffs.push(Math.abs(alt.logprob - other.logprob));
      }
      maxDiff = Math.max(maxDiff, ...diffs);
      if (i === 15) at16 = maxDiff;
    }
    const rates = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    return { model, maxTokens, runs, rates, fidelity: { sameTokens, maxDiff, at16, tokens: ours.length } };
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}
