import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidJsonError, TokenscopeError, UnknownFormatError } from '@tokenscope/core';
import { InvalidRunError } from '@tokenscope/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromErrorData } from './fromErrorData.js';
import { toErrorData } from './toErrorData.js';
import { WorkerPool } from './WorkerPool.js';

/** What crosses the thread boundary: the data, structured-cloned as postMessage does. */
const acrossThreads = (error: unknown) => fromErrorData(structuredClone(toErrorData(error)));

describe('errors across the worker boundary', () => {
  it('come back as the same class with the same code, meaning, message and fields', () => {
    const cases: Error[] = [
      new InvalidJsonError('unexpected character "j"', 3),
      new UnknownFormatError('an empty object', ['openai-chat', 'tgi']),
      new InvalidRunError('response.completions[0].tokens[3].logprob', 'expected a number <= 0, got 2'),
    ];
    for (const error of cases) {
      const back = acrossThreads(error);
      expect(back).toBeInstanceOf(error.constructor);
      expect(back).toBeInstanceOf(TokenscopeError);
      expect(back.message).toBe(error.message);
      expect(back.name).toBe(error.name);
      expect({ ...back }).toEqual({ ...error });
      expect((back as TokenscopeError).toJSON()).toEqual((error as TokenscopeError).toJSON());
    }
    expect((acrossThreads(cases[0]) as InvalidJsonError).line).toBe(3);
    expect((acrossThreads(cases[2]) as InvalidRunError).field).toBe(
      'response.completions[0].tokens[3].logprob',
    );
  });

  it('an error of a class this side does not know keeps its code and meaning; others are plain errors', () => {
    class WorkerOnlyError extends TokenscopeError {
      constructor() {
        super('worker_only', 'only in the worker', { status: 422, param: 'x' });
      }
    }
    const back = acrossThreads(new WorkerOnlyError()) as TokenscopeError;
    expect(back).toBeInstanceOf(TokenscopeError);
    expect([back.code, back.status, back.param, back.message]).toEqual([
      'worker_only',
      422,
      'x',
      'only in the worker',
    ]);
    const plain = acrossThreads(new RangeError('Maximum call stack size exceeded'));
    expect(plain).not.toBeInstanceOf(TokenscopeError);
    expect(plain.message).toBe('Maximum call stack size exceeded');
    expect(acrossThreads('a string').message).toBe('a string');
  });
});

describe('WorkerPool', () => {
  let dir: string;
  let entry: string;
  const pools: Array<WorkerPool<unknown, unknown>> = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenscope-pool-'));
    entry = join(dir, 'entry.mjs');
    const serveTasks = pathToFileURL(join(import.meta.dirname, '../../dist/worker/serveTasks.js')).href;
    const core = pathToFileURL(join(import.meta.dirname, '../../../core/dist/index.js')).href;
    writeFileSync(
      entry,
      `import { serveTasks } from ${JSON.stringify(serveTasks)};
import { InvalidJsonError } from ${JSON.stringify(core)};
import { threadId } from 'node:worker_threads';
serveTasks((input) => {
  if (input === 'exit') process.exit(3);
  if (input === 'throw') throw new InvalidJsonError('bad', 2);
  if (typeof input === 'number') { const until = Date.now() + input; while (Date.now() < until); }
  return threadId;
});
`,
    );
  });
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pool = (size: number) => {
    const created = new WorkerPool<unknown, number>(entry, size);
    pools.push(created as WorkerPool<unknown, unknown>);
    return created;
  };

  it('reuses its workers, at most `size` at once; tasks wait in line', async () => {
    const two = pool(2);
    const threads = await Promise.all([50, 50, 50, 50].map((ms) => two.run(ms)));
    expect(new Set(threads).size).toBe(2);
    expect(new Set([...threads, await two.run(0)]).size).toBe(2);
  });

  it("rejects with the task's error as its class; a worker that dies fails its task and is replaced", async () => {
    const one = pool(1);
    await expect(one.run('throw')).rejects.toBeInstanceOf(InvalidJsonError);
    await expect(one.run('exit')).rejects.toThrow(/exit code 3/);
    expect(typeof (await one.run(0))).toBe('number');
  });

  it('rejects what is waiting when closed', async () => {
    const one = pool(1);
    const running = expect(one.run(200)).rejects.toThrow(/stopped/);
    const waiting = expect(one.run(0)).rejects.toThrow(/closed/);
    await one.close();
    await waiting;
    await running;
    await expect(one.run(0)).rejects.toThrow(/closed/);
  });
});
