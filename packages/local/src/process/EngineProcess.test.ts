import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TokenscopeError } from '@tokenscope/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR, REPO_ROOT } from '../../test/buildLocal.js';
import { GenerationAbortedError } from '../errors/GenerationAbortedError.js';
import { UntokenizableTextError } from '../errors/UntokenizableTextError.js';
import { EngineClosedError } from './EngineClosedError.js';
import { EngineCrashedError } from './EngineCrashedError.js';
import type { EngineProcess } from './EngineProcess.js';
import { EngineStartError } from './EngineStartError.js';
import { EngineUnavailableError } from './EngineUnavailableError.js';
import { startEngineProcess } from './startEngineProcess.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
/** No byte fallback: tokenizing '#' calls std::abort (see ../shared/models/PROVENANCE.md). */
const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');
const CRASH_PROMPT = '### Human: hi';
/**
 * The engine refuses '#' on TinyStories before llama.cpp sees it (UntokenizableTextError). To test
 * crash isolation, this host makes llama.cpp tokenize such text anyway: a real native abort.
 */
const CRASHING = {
  hostEntry: join(REPO_ROOT, 'packages/local/test/crashingHost.mjs'),
  env: { ...process.env, TOKENSCOPE_TEST_CRASH_MODEL: TINY },
};

const opened: EngineProcess[] = [];
async function open(
  path: string,
  options: Parameters<typeof startEngineProcess>[1] = {},
): Promise<EngineProcess> {
  const engine = await startEngineProcess(path, { threads: 1, contextSize: 256, ...options });
  opened.push(engine);
  return engine;
}

/** Whether the process runs (a zombie waiting to be reaped by a container's PID 1 counts as gone). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

beforeAll(buildLocal, 180_000);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

describe('EngineProcess', () => {
  it('loads the model in a child process and generates with logprobs', async () => {
    const engine = await open(STORIES);
    expect(engine.info).toMatchObject({ id: 'stories260K', vocabSize: 512 });
    expect(engine.pid).not.toBe(process.pid);
    const streamed: string[] = [];
    const result = await engine.generate(
      { prompt: 'Once upon a time', maxTokens: 8, temperature: 0, topLogprobs: 3 },
      { onToken: (t) => streamed.push(t.text) },
    );
    expect(result.tokens.length).toBeGreaterThan(0);
    expect(result.tokens.length).toBeLessThanOrEqual(8);
    expect(streamed.join('')).toBe(result.tokens.map((t) => t.text).join(''));
    for (const token of result.tokens) {
      expect(token.logprob).toBeLessThanOrEqual(0);
      expect(token.top).toHaveLength(3);
    }
    expect(await engine.tokenize('Once upon a time')).toEqual(expect.arrayContaining([expect.any(Number)]));
    const score = await engine.score('Once upon a time');
    expect(score.tokens.length).toBeGreaterThan(0);
  });

  it("passes the engine's own errors through, without a restart", async () => {
    const engine = await open(TINY);
    const refused = await engine.generate({ prompt: CRASH_PROMPT, maxTokens: 4 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UntokenizableTextError);
    expect(refused).toMatchObject({ code: 'untokenizable_text', character: '#' });
    const aborted = await engine
      .generate({ prompt: 'Once', maxTokens: 4 }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: 'AbortError' });
    expect(
      (await engine.generate({ prompt: 'Once upon a time', maxTokens: 4 })).tokens.length,
    ).toBeGreaterThan(0);
    expect(engine.restarts).toBe(0);
  });

  it('turns a native abort into EngineCrashedError, restarts, and runs the next request', async () => {
    const engine = await open(TINY, CRASHING);
    const firstPid = engine.pid!;
    const crash = await engine.generate({ prompt: CRASH_PROMPT, maxTokens: 8 }).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(EngineCrashedError);
    expect(crash).toBeInstanceOf(TokenscopeError);
    const error = crash as EngineCrashedError;
    expect(error.code).toBe('engine_crashed');
    expect(error.exit.signal).toBe('SIGABRT');
    expect(error.restarted).toBe(true);
    expect(error.message).toMatch(/^the model process crashed on this input \(killed by SIGABRT/);
    expect(error.message).toMatch(/restarted: retry the request, or change the input/);
    expect(error.message).not.toContain('\n');

    const after = await engine.generate({ prompt: 'Once upon a time', maxTokens: 6, temperature: 0 });
    expect(after.tokens.length).toBeGreaterThan(0);
    expect(engine.restarts).toBe(1);
    expect(engine.pid).not.toBe(firstPid);
    expect(isAlive(firstPid)).toBe(false);
  });

  it('runs requests queued behind a crash on the restarted process', async () => {
    const engine = await open(TINY, CRASHING);
    const results = await Promise.allSettled([
      engine.generate({ prompt: CRASH_PROMPT, maxTokens: 4 }),
      engine.generate({ prompt: 'Once upon a time', maxTokens: 4, temperature: 0 }),
      engine.tokenize('Once upon a time'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(EngineCrashedError);
  });

  it('gives up after maxCrashes crashes in the window, with a clear error', async () => {
    const engine = await open(TINY, { ...CRASHING, maxCrashes: 2 });
    const first = await engine.tokenize('#').catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'engine_crashed', restarted: true });
    const second = await engine.tokenize('#').catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'engine_crashed', restarted: false });
    const third = await engine.tokenize('Once').catch((e: unknown) => e);
    expect(third).toBeInstanceOf(EngineUnavailableError);
    expect((third as Error).message).toMatch(/crashed 2 times within 60 s .* not restarted again/);
  });

  it('queues concurrent requests and runs them in order, one at a time', async () => {
    const engine = await open(STORIES);
    const prompts = ['Once upon a time', 'The cat', 'Lily and Tom'];
    const finished: number[] = [];
    const concurrent = await Promise.all(
      prompts.map((prompt, i) =>
        engine.generate({ prompt, maxTokens: 6, temperature: 0, topLogprobs: 2 }).then((r) => {
          finished.push(i);
          return r;
        }),
      ),
    );
    expect(finished).toEqual([0, 1, 2]);
    for (const [i, prompt] of prompts.entries()) {
      const alone = await engine.generate({ prompt, maxTokens: 6, temperature: 0, topLogprobs: 2 });
      expect(concurrent[i]!.text).toBe(alone.text);
      expect(concurrent[i]!.tokens.map((t) => t.logprob)).toEqual(alone.tokens.map((t) => t.logprob));
    }
  });

  it('aborts: the request rejects, the child stops generating, and the next request runs', async () => {
    const engine = await open(STORIES);
    const request = { prompt: 'Once upon a time', maxTokens: 64, temperature: 0 };
    const full = await engine.generate(request);
    expect(full.tokens.length).toBeGreaterThan(20);

    const controller = new AbortController();
    const before = engine.tokensStreamed;
    let seen = 0;
    const aborted = await engine
      .generate(request, {
        signal: controller.signal,
        onToken: () => {
          seen++;
          if (seen === 2) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(GenerationAbortedError);
    expect(aborted).toMatchObject({ name: 'AbortError', code: 'aborted' });
    expect(seen).toBe(2);

    // Requests run one at a time, so this one starts only once the child has given up the aborted one;
    // every token the child streamed for that one has arrived by then.
    const next = await engine.generate(
      { prompt: 'The cat', maxTokens: 4, temperature: 0 },
      { onToken: () => {} },
    );
    const streamedByAborted = engine.tokensStreamed - before - next.tokens.length;
    expect(streamedByAborted).toBeGreaterThanOrEqual(2);
    expect(streamedByAborted).toBeLessThan(full.tokens.length);
    expect(engine.restarts).toBe(0);

    // A request aborted while it waits in the queue never reaches the child.
    const queuedController = new AbortController();
    const running = engine.generate({ prompt: 'The dog', maxTokens: 4, temperature: 0 });
    const queued = engine.generate(request, { signal: queuedController.signal }).catch((e: unknown) => e);
    queuedController.abort();
    expect(await queued).toMatchObject({ name: 'AbortError' });
    expect((await running).tokens.length).toBeGreaterThan(0);
  });

  it('rejects a request whose onToken throws (as the in-process engine does), and keeps serving', async () => {
    const engine = await open(STORIES);
    let seen = 0;
    const failed = await engine
      .generate(
        { prompt: 'Once upon a time', maxTokens: 32, temperature: 0 },
        {
          onToken: () => {
            seen++;
            if (seen === 2) throw new Error('the consumer failed');
          },
        },
      )
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ message: 'the consumer failed' });
    expect(seen).toBe(2);
    const next = await engine.generate({ prompt: 'The cat', maxTokens: 4, temperature: 0 });
    expect(next.tokens.length).toBeGreaterThan(0);
    expect(engine.restarts).toBe(0);
  });

  it('close() rejects waiting requests, stops the child, and refuses new requests', async () => {
    const engine = await open(STORIES);
    const pid = engine.pid!;
    const inFlight = engine.generate({ prompt: 'Once upon a time', maxTokens: 16 }).catch((e: unknown) => e);
    const waiting = engine.generate({ prompt: 'The cat', maxTokens: 16 }).catch((e: unknown) => e);
    await engine.close();
    expect(await waiting).toBeInstanceOf(EngineClosedError);
    expect(await inFlight).toBeInstanceOf(EngineClosedError);
    expect(isAlive(pid)).toBe(false);
    await expect(engine.tokenize('x')).rejects.toThrow(/is closed; start a new one/);
    await engine.close();
  });

  it('reports a load failure clearly', async () => {
    const missing = await startEngineProcess(join(MODELS_DIR, 'no-such-model.gguf'), { threads: 1 }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(TokenscopeError);
    expect((missing as Error).message).toContain('no-such-model.gguf');
    const notGguf = await startEngineProcess(join(MODELS_DIR, 'PROVENANCE.md'), { threads: 1 }).catch(
      (e: unknown) => e,
    );
    expect(notGguf).toBeInstanceOf(EngineStartError);
    expect((notGguf as Error).message).toMatch(/^cannot start the model \S+PROVENANCE\.md: .*GGUF/);
  });

  it('leaves no orphan: the child exits when its parent is killed', async () => {
    const dist = pathToFileURL(join(REPO_ROOT, 'packages/local/dist/index.js')).href;
    const script = `
      const { startEngineProcess } = await import(${JSON.stringify(dist)});
      const engine = await startEngineProcess(${JSON.stringify(STORIES)}, { threads: 1, contextSize: 128 });
      console.log(engine.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    expect(isAlive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitUntilGone(childPid)).toBe(true);
  });
});
