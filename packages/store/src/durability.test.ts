/**
 * Two promises of the store, checked with real processes on the built package: a run whose `save`
 * returned survives `kill -9` of the process, and two processes writing at once lose nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProject } from '../../local/test/buildLocal.js';
import { tempDir } from '../test/runs.js';
import { openRunStore } from './openRunStore.js';

const WRITER = fileURLToPath(new URL('../test/writeRuns.mjs', import.meta.url));

let tmp: ReturnType<typeof tempDir>;
const children: ChildProcess[] = [];

beforeAll(() => buildProject('packages/store'), 180_000);
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  tmp.cleanup();
});

function writer(file: string, count: number | 'forever', label: string, wait = false) {
  const args = [WRITER, file, String(count), label, ...(wait ? ['--wait'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const ids: string[] = [];
  let stderr = '';
  let buffered = '';
  const listeners: Array<() => void> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    ids.push(...lines);
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  /** Resolves once `n` ids were printed (rejects if the writer exits first). */
  const idsPrinted = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => ids.length >= n && resolve();
      listeners.push(check);
      check();
      void exited.then(() => (ids.length >= n ? resolve() : reject(new Error(`writer exited: ${stderr}`))));
    });
  return { child, ids, stderr: () => stderr, exited, idsPrinted };
}

describe('durability', () => {
  it('every run whose save returned survives kill -9 of the writing process', async () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const w = writer(file, 'forever', 'killed');
    await w.idsPrinted(25);
    w.child.kill('SIGKILL');
    const { signal } = await w.exited;
    expect(signal).toBe('SIGKILL');
    const printed = [...w.ids];
    expect(printed.length).toBeGreaterThanOrEqual(25);

    const store = openRunStore({ file });
    for (const id of printed) expect(store.get(id).tags).toEqual(['killed']);
    expect(store.list({ tag: 'killed' }).total).toBeGreaterThanOrEqual(printed.length);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('concurrency', () => {
  it('two processes writing 100 runs each to one new file at once: 200 runs, none lost, no busy error', async () => {
    const file = join(tmp.dir, 'shared', 'runs.sqlite');
    // both open (and migrate) the new file at once, then both write at once
    const a = writer(file, 100, 'alpha', true);
    const b = writer(file, 100, 'beta', true);
    await Promise.all([a.idsPrinted(1), b.idsPrinted(1)]);
    expect([a.ids.shift(), b.ids.shift()]).toEqual(['ready', 'ready']);
    a.child.stdin!.end('go\n');
    b.child.stdin!.end('go\n');
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(a.stderr()).toBe('');
    expect(b.stderr()).toBe('');
    expect([ea.code, eb.code]).toEqual([0, 0]);
    expect(a.ids).toHaveLength(100);
    expect(b.ids).toHaveLength(100);

    const store = openRunStore({ file });
    const all = store.list({ limit: 500 });
    expect(all.total).toBe(200);
    expect(new Set(all.runs.map((r) => r.id))).toEqual(new Set([...a.ids, ...b.ids]));
    expect(store.list({ tag: 'alpha' }).total).toBe(100);
    expect(store.list({ search: 'beta' }).total).toBe(100);
    store.close();
  });
});
