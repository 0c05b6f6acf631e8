#!/usr/bin/env node
/**
 * Records what the SDKs hand their users, as core's fixtures (packages/core/src/formats/__fixtures__):
 * starts `tokenscope serve`'s app on stories260K.gguf (../shared/models, or TOKENSCOPE_MODELS_DIR),
 * calls it through the official `openai` client, the Vercel AI SDK (`ai` + `@ai-sdk/openai`), LangChain
 * (`@langchain/openai`) and, when `python3 -c "import openai"` works, the Python SDK
 * (scripts/recordPythonSdkFixtures.py), and saves each result as JSON beside the bytes that went over
 * the socket for the same call (the `.wire-` fixtures, teed by a `fetch` wrapper).
 *
 * Run after `npm run build`:  node scripts/recordSdkFixtures.mjs
 * Greedy decoding, so the tokens repeat between runs; values may differ in the 7th digit.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { loadEngine } from '@tokenscope/local';
import { startServer } from '@tokenscope/server';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';

const FIXTURES = new URL('../packages/core/src/formats/__fixtures__/', import.meta.url);
const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? new URL('../../shared/models/', import.meta.url).pathname;
const MODEL = 'stories260K';
const PROMPT = 'Once upon a time';
const MAX_TOKENS = 8;

/** Pretty JSON, as a user would `JSON.stringify(result, null, 2)` it. */
function save(name, value) {
  writeFileSync(
    new URL(name, FIXTURES),
    typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`,
  );
  console.log(`wrote ${name}`);
}

/** A `fetch` that keeps the body of the last response it fetched (the wire bytes of one SDK call). */
function teeingFetch() {
  const tee = { body: '' };
  tee.fetch = async (url, init) => {
    const response = await fetch(url, init);
    tee.body = await response.clone().text();
    return response;
  };
  return tee;
}

/** Each item of an async iterable, collected. */
async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function version(name) {
  const path = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')).version;
}

const engine = await loadEngine(`${MODELS.replace(/\/?$/, '/')}stories260K.gguf`, { threads: 1 });
const server = await startServer({ engines: [engine] });
const baseURL = `${server.url}/v1`;
try {
  // The official openai client: streams as the objects its `for await` yields.
  {
    const tee = teeingFetch();
    const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, fetch: tee.fetch });
    const common = { model: MODEL, temperature: 0, stream: true };
    const chat = await client.chat.completions.create({
      ...common,
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: MAX_TOKENS,
      logprobs: true,
      top_logprobs: 3,
      stream_options: { include_usage: true },
    });
    save('openai-chat.openai-node-stream.recorded.json', await collect(chat));
    save('openai-chat.openai-node-stream-wire.recorded.sse.txt', tee.body);
    const completions = await client.completions.create({
      ...common,
      prompt: PROMPT,
      max_tokens: MAX_TOKENS,
      logprobs: 3,
    });
    save('openai-completions.openai-node-stream.recorded.json', await collect(completions));
    save('openai-completions.openai-node-stream-wire.recorded.sse.txt', tee.body);
    const responses = await client.responses.create({
      ...common,
      input: PROMPT,
      max_output_tokens: MAX_TOKENS,
      include: ['message.output_text.logprobs'],
      top_logprobs: 3,
    });
    save('openai-responses.openai-node-stream.recorded.json', await collect(responses));
    save('openai-responses.openai-node-stream-wire.recorded.sse.txt', tee.body);
  }

  // The Vercel AI SDK: generateText's result and streamText's fullStream parts, chat and responses.
  {
    const tee = teeingFetch();
    const openai = createOpenAI({ baseURL, apiKey: 'unused', fetch: tee.fetch });
    const options = {
      prompt: PROMPT,
      temperature: 0,
      maxOutputTokens: MAX_TOKENS,
      maxRetries: 0,
      providerOptions: { openai: { logprobs: 3 } },
    };
    for (const [api, model] of [
      ['chat', openai.chat(MODEL)],
      ['responses', openai(MODEL)],
    ]) {
      const wire = api === 'chat' ? 'openai-chat' : 'openai-responses';
      save(`ai-sdk.generate-text-${api}.recorded.json`, await generateText({ model, ...options }));
      save(`${wire}.ai-sdk-generate-text-wire.recorded.json`, tee.body);
      save(
        `ai-sdk.stream-text-${api}.recorded.json`,
        await collect(streamText({ model, ...options }).fullStream),
      );
      save(`${wire}.ai-sdk-stream-text-wire.recorded.sse.txt`, tee.body);
    }
    const { providerOptions: _, ...withoutLogprobs } = options;
    save(
      'ai-sdk.bad-no-logprobs.recorded.json',
      await generateText({ model: openai.chat(MODEL), ...withoutLogprobs }),
    );
  }

  // LangChain: ChatOpenAI's AIMessage (invoke) and AIMessageChunks (stream), as JSON.stringify writes them.
  {
    const tee = teeingFetch();
    const chat = (extra) =>
      new ChatOpenAI({
        model: MODEL,
        apiKey: 'unused',
        configuration: { baseURL, fetch: tee.fetch },
        temperature: 0,
        maxTokens: MAX_TOKENS,
        maxRetries: 0,
        ...extra,
      });
    save(
      'langchain.invoke-chat.recorded.json',
      await chat({ logprobs: true, topLogprobs: 3 }).invoke(PROMPT),
    );
    save('openai-chat.langchain-invoke-wire.recorded.json', tee.body);
    const chunks = await collect(await chat({ logprobs: true, topLogprobs: 3 }).stream(PROMPT));
    save('langchain.stream-chat.recorded.json', chunks);
    save('openai-chat.langchain-stream-wire.recorded.sse.txt', tee.body);
    save('langchain.bad-no-logprobs.recorded.json', await chat({}).invoke(PROMPT));
  }

  // Asynchronously: this process serves the Python client's requests meanwhile.
  const python = spawn('python3', ['scripts/recordPythonSdkFixtures.py', baseURL, MODEL, PROMPT], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const status = await new Promise((resolve) => {
    python.on('error', () => resolve(-1));
    python.on('close', resolve);
  });
  if (status !== 0) console.log('the Python SDK fixtures were not recorded (see above)');

  console.log(
    `versions: openai ${version('openai')}, ai ${version('ai')}, @ai-sdk/openai ${version('@ai-sdk/openai')}, ` +
      `@langchain/openai ${version('@langchain/openai')}, @langchain/core ${version('@langchain/core')}`,
  );
} finally {
  await server.close();
  await engine.close();
}
