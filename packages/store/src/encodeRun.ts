/**
 * `@tokenscope/store/encodeRun`: the CPU-heavy half of saving a run (validation, analysis of
 * completion 0, the response as JSON) as plain data that crosses to another thread cheaply (strings,
 * numbers, small objects), for `RunStore.saveEncoded`. This module loads no database driver, so a
 * worker thread can run it: the server does, for large imports.
 */
import type { RunRecord } from '@tokenscope/core';
import { type PreparedRun, prepareRun } from './validate/prepareRun.js';

/** A run validated and encoded for the database, without its response object (`responseJson` has it). */
export interface EncodedRun extends Omit<PreparedRun, 'run'> {
  run: Omit<PreparedRun['run'], 'response'>;
}

/** A stored run without its response: what `saveEncoded` answers (the caller has `responseJson`). */
export type StoredRun = Omit<RunRecord, 'response'>;

/** Validates, analyses and encodes a run as `save` does; throws `InvalidRunError` naming a wrong field. */
export function encodeRun(input: unknown): EncodedRun {
  const { run, ...rest } = prepareRun(input);
  const { response: _response, ...withoutResponse } = run;
  return { ...rest, run: withoutResponse };
}
