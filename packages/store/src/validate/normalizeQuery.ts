/**
 * Checks what `list` was asked for. `limit` defaults to 50 and is capped at 500; the `tag` filter is
 * normalised like saved tags (so `Draft` finds `draft`). Throws core's `InvalidOptionError` naming
 * the option.
 */
import {
  GATE_VERDICTS,
  type GateVerdict,
  InvalidOptionError,
  type RunQuery,
  type RunSource,
} from '@tokenscope/core';
import { normalizeTag } from './normalizeTags.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
const SOURCES: readonly RunSource[] = ['local', 'remote', 'import', 'proxy', 'branch'];

export interface NormalizedQuery {
  search?: string;
  tag?: string;
  source?: RunSource;
  model?: string;
  dataset?: string;
  promptVersion?: string;
  verdict?: GateVerdict;
  since?: string;
  until?: string;
  limit: number;
  offset: number;
}

export function normalizeQuery(query: RunQuery | undefined): NormalizedQuery {
  if (query === undefined || query === null) return { limit: DEFAULT_LIMIT, offset: 0 };
  if (typeof query !== 'object')
    throw new InvalidOptionError('query', `expected an object, got ${typeof query}`);
  const out: NormalizedQuery = {
    limit: Math.min(MAX_LIMIT, integer(query.limit, 'limit', 1) ?? DEFAULT_LIMIT),
    offset: integer(query.offset, 'offset', 0) ?? 0,
  };
  const search = text(query.search, 'search');
  if (search !== undefined && search.trim() !== '') out.search = search;
  const tag = text(query.tag, 'tag');
  if (tag !== undefined) {
    const clean = normalizeTag(tag);
    if (clean !== null) out.tag = clean;
  }
  const source = text(query.source, 'source');
  if (source !== undefined) {
    if (!SOURCES.includes(source as RunSource)) {
      throw new InvalidOptionError(
        'source',
        `expected one of ${SOURCES.join(', ')}, got ${JSON.stringify(source)}`,
      );
    }
    out.source = source as RunSource;
  }
  const model = text(query.model, 'model');
  if (model !== undefined && model !== '') out.model = model;
  const dataset = text(query.dataset, 'dataset');
  if (dataset !== undefined && dataset.trim() !== '') out.dataset = dataset.trim();
  const promptVersion = text(query.promptVersion, 'promptVersion');
  if (promptVersion !== undefined && promptVersion.trim() !== '') out.promptVersion = promptVersion.trim();
  const verdict = text(query.verdict, 'verdict');
  if (verdict !== undefined && verdict !== '') {
    if (!GATE_VERDICTS.includes(verdict as GateVerdict)) {
      throw new InvalidOptionError('verdict', `expected publish or review, got ${JSON.stringify(verdict)}`);
    }
    out.verdict = verdict as GateVerdict;
  }
  for (const name of ['since', 'until'] as const) {
    const value = text(query[name], name);
    if (value === undefined || value === '') continue;
    const time = Date.parse(value);
    if (Number.isNaN(time)) {
      throw new InvalidOptionError(
        name,
        `expected an ISO 8601 date or time (2026-12-01, 2026-12-01T08:00Z), got ${JSON.stringify(value)}`,
      );
    }
    out[name] = new Date(time).toISOString();
  }
  return out;
}

function integer(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidOptionError(
      name,
      `expected an integer >= ${min}, got ${typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value)}`,
    );
  }
  return value;
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidOptionError(name, `expected a string, got ${typeof value}`);
  return value;
}
