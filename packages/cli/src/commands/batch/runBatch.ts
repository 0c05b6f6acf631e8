/**
 * One batch worker over a dataset: streams the input, claims each row in the store (so that several
 * workers, on one machine or many, share the rows and each row is done once), runs or reads it, and
 * saves its run together with the row's "done" mark. Rows already done are skipped (a batch started
 * again after a crash or `kill -9` does only what is missing); a bad row is recorded with its error
 * and the batch goes on. At the end the worker waits for rows other workers still hold, and takes
 * over the rows of workers that died, so all workers finish together.
 */
import { type NewRun, parseResponse } from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import { type BatchRow, parseBatchRow } from './parseBatchRow.js';
import { RowSaver } from './RowSaver.js';
import { type BatchLine, readBatchLines, readBatchLinesFrom } from './readBatchLines.js';
import { isDeadLocalWorker } from './workerId.js';

/** Where request rows run. */
export interface BatchTarget {
  /** Requests in flight at once. */
  concurrency: number;
  /** Runs one request row; returns its run without the row's metadata. */
  run(row: Extract<BatchRow, { kind: 'request' }>, signal: AbortSignal): Promise<NewRun>;
  /** Stops what the target started (the local model process). */
  close?(): Promise<void>;
}

export interface BatchCounts {
  /** Rows this worker stored now. */
  stored: number;
  /** Rows already done (by an earlier batch or another worker). */
  skipped: number;
  /** Rows this worker recorded as failed. */
  failed: number;
  /** Rows seen held by another worker. */
  busy: number;
  /** Rows read from the input. */
  read: number;
  /** Tokens of the answers this worker stored. */
  tokens: number;
}

export interface BatchOptions {
  dataset: string;
  worker: string;
  files: readonly string[];
  /** Started on the first request row (a batch of recorded responses loads no model). */
  target: () => Promise<BatchTarget>;
  /** Applied to every row that does not say otherwise. */
  defaults: { promptVersion?: string; tags: string[] };
  leaseMs?: number;
  /** The row (0-based) the first pass starts at, wrapping round (`readBatchLinesFrom`). */
  startAt?: number;
  /** How often to look again for rows other workers hold, at the end (ms). */
  pollMs?: number;
  signal?: AbortSignal;
  onProgress?: (counts: BatchCounts) => void;
  onFailure?: (where: string, error: string) => void;
}

const DEFAULT_LEASE_MS = 60_000;
/** Rows claimed with one statement: workers walking one file take chunks in turn instead of fighting over rows. */
const CLAIM_CHUNK = 64;
/** Recorded responses read at once (parsing and analysis; no model involved). */
const RECORDED_CONCURRENCY = 4;

export async function runBatch(store: RunStore, options: BatchOptions): Promise<BatchCounts> {
  const { dataset, worker } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const startedAt = Date.now();
  const counts: BatchCounts = { stored: 0, skipped: 0, failed: 0, busy: 0, read: 0, tokens: 0 };
  const report = () => options.onProgress?.({ ...counts });
  let target: Promise<BatchTarget> | undefined;
  const getTarget = () => {
    target ??= options.target();
    return target;
  };
  await releaseDeadWorkers(store, dataset, await store.openClaims(dataset));
  const renew = setInterval(
    () => {
      store.renewClaims(dataset, worker, leaseMs).catch(() => undefined); // a lost lease shows at completeRow
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  const inFlight = new Set<Promise<void>>();
  const saver = new RowSaver(store, dataset, worker, counts, report);
  saver.onFailure = options.onFailure;

  const handle = async (row: BatchRow, where: string): Promise<void> => {
    let run: NewRun;
    try {
      run = await runOf(row, getTarget, options);
    } catch (error) {
      await saver.fail(row.key, where, error); // never rejects: a store failure stops the batch at the next claim
      return;
    }
    saver.add(row.key, where, run);
  };

  const claimAndRun = async (
    chunk: Array<{ row: BatchRow; where: string }>,
    counted: boolean,
  ): Promise<void> => {
    // what this worker holds is mostly saved before it claims more: workers sharing a dataset take
    // turns, and parsed answers never pile up in memory ahead of the commits
    await saver.waitBelow(CLAIM_CHUNK);
    saver.throwIfFailed();
    if (options.signal?.aborted) return;
    const states = await store.claimRows(
      dataset,
      chunk.map((c) => c.row.key),
      worker,
      leaseMs,
      startedAt,
    );
    const seen = new Set<string>();
    for (const { row, where } of chunk) {
      const state = seen.has(row.key) ? 'done' : (states.get(row.key) ?? 'busy'); // a repeated line is one row
      seen.add(row.key);
      if (state !== 'claimed') {
        if (counted) counts[state === 'done' ? 'skipped' : 'busy']++;
        continue;
      }
      // stopping: the rest of the chunk is not started (its claims are released at the end)
      if (options.signal?.aborted) break;
      const concurrency = row.kind === 'request' ? (await getTarget()).concurrency : RECORDED_CONCURRENCY;
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const job: Promise<void> = handle(row, where).finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    report();
  };

  /** Reads the input and runs its rows (only those in `only`, when given); returns the keys it met. */
  const pass = async (lines: AsyncIterable<BatchLine>, only?: ReadonlySet<string>): Promise<Set<string>> => {
    const met = new Set<string>();
    let chunk: Array<{ row: BatchRow; where: string }> = [];
    for await (const line of lines) {
      if (options.signal?.aborted) break;
      const row = parseBatchRow(line.text);
      if (only !== undefined) {
        if (!only.has(row.key)) continue;
        met.add(row.key);
      } else counts.read++;
      chunk.push({ row, where: line.where });
      if (chunk.length >= CLAIM_CHUNK) {
        await claimAndRun(chunk, only === undefined);
        chunk = [];
      }
    }
    if (chunk.length > 0 && !options.signal?.aborted) await claimAndRun(chunk, only === undefined);
    await Promise.all(inFlight);
    await saver.flush();
    saver.throwIfFailed();
    return met;
  };

  let failure: { error: unknown } | undefined;
  try {
    await pass(readBatchLinesFrom(options.files, options.startAt ?? 0));
    // Finish together: wait for the rows other workers hold; take over those of workers that died.
    // Rows held by others that are not in this worker's input (another file, an edited line) are
    // not waited for.
    const notOurs = new Set<string>();
    while (!options.signal?.aborted) {
      const held = (await store.openClaims(dataset)).filter(
        (c) => c.worker !== worker && !notOurs.has(c.rowKey),
      );
      if (held.length === 0) break;
      const now = Date.now();
      const dead = new Set(
        held.filter((c) => c.leaseUntil < now || isDeadLocalWorker(c.worker)).map((c) => c.rowKey),
      );
      if (dead.size > 0) {
        await releaseDeadWorkers(store, dataset, held);
        const met = await pass(readBatchLines(options.files), dead);
        for (const key of dead) if (!met.has(key)) notOurs.add(key);
      } else {
        await sleep(options.pollMs ?? 500, options.signal);
      }
    }
  } catch (error) {
    failure = { error };
  }
  // clean up, whatever happened
  clearInterval(renew);
  await Promise.allSettled(inFlight);
  let closeError: unknown;
  try {
    await saver.close();
  } catch (error) {
    closeError = error;
  }
  // stopped early or failed: what this worker still holds goes back at once
  if (options.signal?.aborted || failure !== undefined || closeError !== undefined) {
    await store.releaseClaims(dataset, worker).catch(() => 0);
  }
  if (target !== undefined) await (await target.catch(() => undefined))?.close?.().catch(() => undefined);
  if (failure !== undefined) throw failure.error; // the first error wins over a failed cleanup
  if (closeError !== undefined) throw closeError;
  report();
  return counts;
}

/** The run of a row (its metadata applied); throws with a message naming what was wrong. */
async function runOf(
  row: BatchRow,
  target: () => Promise<BatchTarget>,
  options: BatchOptions,
): Promise<NewRun> {
  if (row.kind === 'invalid') throw new Error(row.error);
  const meta = {
    tags: row.tags.length > 0 ? row.tags : options.defaults.tags,
    ...((row.promptVersion ?? options.defaults.promptVersion)
      ? { promptVersion: (row.promptVersion ?? options.defaults.promptVersion) as string }
      : {}),
    ...(row.expected === undefined ? {} : { expected: row.expected }),
    ...(row.title === undefined ? {} : { title: row.title }),
  };
  if (row.kind === 'recorded') {
    const response = parseResponse(row.response);
    // without a prompt or a title, the run is named by its row (`id:faq-17` -> "faq-17")
    const title =
      meta.title ?? (row.prompt === null && row.key.startsWith('id:') ? row.key.slice(3) : undefined);
    return {
      ...meta,
      ...(title === undefined ? {} : { title }),
      source: 'import',
      model: row.model ?? response.model ?? 'unknown',
      prompt: row.prompt,
      params: {},
      response,
    };
  }
  // Ctrl-C lets the requests in flight finish (a second Ctrl-C ends the process)
  const run = await (await target()).run(row, new AbortController().signal);
  return { ...run, ...meta };
}

/** Ends the leases of the claims' workers that were processes of this host and are gone. */
async function releaseDeadWorkers(
  store: RunStore,
  dataset: string,
  claims: ReadonlyArray<{ worker: string }>,
): Promise<void> {
  const workers = new Set(claims.map((c) => c.worker));
  for (const w of workers) if (isDeadLocalWorker(w)) await store.releaseClaims(dataset, w);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
