import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../../server/test/otlpReceiver.js';
import { BIN, ensureBuilt, REPO_ROOT } from '../test/cliHarness.js';

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const STORIES = join(MODELS, 'stories260K.gguf');
const SERVING = /^Tokenscope serving \S+ at (http:\/\/\S+\/v1) /;

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const children: ChildProcess[] = [];

/** `tokenscope serve --no-app` as a child; resolves with its base URL, stderr and its exit. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_') && !key.startsWith('TOKENSCOPE_')),
  );
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--model', STORIES, '--port', '0', '--threads', '1', '--no-app', ...args],
    { cwd: REPO_ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += String(chunk);
  });
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const baseURL = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = SERVING.exec(out);
      if (match) done(match[1]!);
    });
    void exit.then((code) => fail(new Error(`serve exited (${code}): ${err}`)));
  });
  return { child, baseURL, stderr: () => err, exit };
}

/** One chat completion, then SIGTERM: the server exports what is left as it closes. */
async function askAndStop(served: Awaited<ReturnType<typeof serve>>): Promise<number | null> {
  const client = new OpenAI({ baseURL: served.baseURL, apiKey: 'unused', maxRetries: 0 });
  await client.chat.completions.create({
    model: 'stories260K',
    messages: [{ role: 'user', content: 'Once upon a time' }],
    max_tokens: 6,
  });
  served.child.kill('SIGTERM');
  return served.exit;
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  await ensureBuilt();
}, 180_000);
beforeEach(() => {
  receiver.spans.length = 0;
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => receiver?.close());

describe('tokenscope serve --otlp-endpoint', () => {
  it('exports a span per answer to the receiver, flushed when the server stops', async () => {
    const served = await serve(['--otlp-endpoint', receiver.url]);
    expect(served.stderr()).toContain(`exporting a span per exchange to ${receiver.url}/v1/traces`);
    expect(await askAndStop(served)).toBe(0);
    expect(receiver.spans).toHaveLength(1);
    const [span] = receiver.spans;
    expect(span!.name).toBe('chat stories260K');
    expect(span!.kind).toBe(2); // SERVER
    expect(span!.resource['service.name']).toBe('tokenscope');
    expect(span!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'tokenscope',
      'gen_ai.usage.output_tokens': 6,
      'gen_ai.response.finish_reasons': ['length'],
    });
    expect(typeof span!.attributes['tokenscope.mean_logprob']).toBe('number');
    expect(['publish', 'review']).toContain(span!.attributes['tokenscope.gate.verdict']);
    expect(span!.attributes['gen_ai.input.messages']).toBeUndefined();
  }, 60_000);

  it('takes OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME; --otlp-content adds the text', async () => {
    const served = await serve(['--otlp-content'], {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'my-llm-app',
    });
    expect(await askAndStop(served)).toBe(0);
    expect(receiver.spans).toHaveLength(1);
    expect(receiver.spans[0]!.resource['service.name']).toBe('my-llm-app');
    expect(receiver.spans[0]!.attributes['gen_ai.input.messages']).toContain('Once upon a time');
  }, 60_000);

  it('exports nothing without an endpoint', async () => {
    const served = await serve([]);
    expect(await askAndStop(served)).toBe(0);
    expect(served.stderr()).not.toContain('exporting');
    expect(receiver.spans).toEqual([]);
  }, 60_000);

  it('says once on stderr when the receiver cannot be reached, and still stops with exit 0', async () => {
    const gone = await startOtlpReceiver();
    await gone.close(); // a port where nothing listens
    // the exporter retries until its timeout (OTEL_EXPORTER_OTLP_TIMEOUT, default 10 s): shortened here
    const served = await serve(['--otlp-endpoint', gone.url], { OTEL_EXPORTER_OTLP_TIMEOUT: '1000' });
    expect(await askAndStop(served)).toBe(0);
    const lines = served
      .stderr()
      .split('\n')
      .filter((line) => line.includes('could not be exported'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`tokenscope: the spans could not be exported to ${gone.url}/v1/traces: `);
  }, 60_000);

  it('refuses an endpoint that is not an http(s) URL', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--otlp-endpoint', 'grpc://x:4317'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += String(chunk);
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).not.toBe(0);
    expect(err).toMatch(/--otlp-endpoint.*Expected an http\(s\) URL, got "grpc:\/\/x:4317"/);
  });
});
