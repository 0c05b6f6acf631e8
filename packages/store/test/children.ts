/**
 * Child processes for the durability and concurrency tests: `test/writeRuns.mjs` and
 * `test/batchWorker.mjs` on the built package (dist/), their stdout read line by line. Every child
 * started here is killed by `killChildren` (call it in afterEach).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const WRITER = fileURLToPath(new URL('./writeRuns.mjs', import.meta.url));
export const BATCH_WORKER = fileURLToPath(new URL('./batchWorker.mjs', import.meta.url));

const children: ChildProcess[] = [];

export interface Child {
  child: ChildProcess;
  /** stdout lines so far. */
  lines: string[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `n` lines were printed (rejects if the child exits first). */
  linesPrinted(n: number): Promise<void>;
}

export function startChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  const listeners: Array<() => void> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const linesPrinted = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => lines.length >= n && resolve();
      listeners.push(check);
      check();
      void exited.then(() =>
        lines.length >= n
          ? resolve()
          : reject(new Error(`child exited after ${lines.length} lines: ${stderr}`)),
      );
    });
  return { child, lines, stderr: () => stderr, exited, linesPrinted };
}

/** Starts children with `--wait`, waits until each printed "ready", then lets them all go at once. */
export async function startTogether(script: string, argsOfEach: string[][]): Promise<Child[]> {
  const started = argsOfEach.map((args) => startChild(script, [...args, '--wait']));
  await Promise.all(started.map((c) => c.linesPrinted(1)));
  for (const c of started) expect(c.lines.shift()).toBe('ready');
  for (const c of started) c.child.stdin!.end('go\n');
  return started;
}

/** Kills (SIGKILL) every child still running and waits for it to end. */
export async function killChildren(): Promise<void> {
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }),
  );
}
