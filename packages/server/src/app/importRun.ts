import { FORMAT_IDS, type FormatId } from '@tokenscope/core';
import type { Context } from 'hono';
import { ApiError } from '../ApiError.js';
import type { AppServices } from './AppServices.js';
import { importedRun } from './importedRun.js';
import { importInWorker, WORKER_IMPORT_BYTES } from './importInWorker.js';

const QUERY_KEYS = new Set(['name', 'from']);

/** The file name the browser sent, reduced to a base name without control characters (at most 200). */
export function importFileName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const base = (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim()
    .slice(0, 200);
  return base === '' ? undefined : base;
}

/**
 * `POST /api/import?name=FILE&from=FORMAT`: the body is a saved response (any format core parses,
 * whole or streamed; detected unless `from` names it). It is parsed, saved as a run with source
 * `import`, the file name and a title from it, and answered with the stored `RunRecord` (201). A
 * response with several choices is stored whole; the app shows and summarises choice 0. Parse errors
 * are 400s with the parser's message. A body of `WORKER_IMPORT_BYTES` or more is parsed, validated,
 * analysed and encoded on a worker thread (`importInWorker`): this thread only inserts it and
 * answers, so other requests are not held up for the seconds a large file takes.
 */
export async function importRun(c: Context, services: AppServices): Promise<Response> {
  const query = c.req.query();
  for (const key of Object.keys(query)) {
    if (!QUERY_KEYS.has(key)) {
      throw ApiError.invalid(
        key,
        `Unknown query parameter '${key.slice(0, 40)}'; POST /api/import takes name, from`,
      );
    }
  }
  const from = query.from === undefined || query.from === '' ? undefined : query.from;
  if (from !== undefined && !FORMAT_IDS.includes(from as FormatId)) {
    throw ApiError.invalid(
      'from',
      `Invalid 'from': expected one of ${FORMAT_IDS.join(', ')}, got ${JSON.stringify(from.slice(0, 40))}`,
    );
  }
  const fileName = importFileName(query.name);
  const body = await c.req.arrayBuffer();
  const format = from as FormatId | undefined;
  if (body.byteLength < WORKER_IMPORT_BYTES) {
    const text = new TextDecoder().decode(body); // as c.req.text() decodes
    return c.json(await services.store.save(importedRun({ text, from: format, fileName })), 201);
  }
  const { encoded, answer } = await importInWorker({ body, from: format, fileName });
  const stored = await services.store.saveEncoded(encoded);
  // the stored run's JSON with the response's bytes spliced in: never parsed or encoded on this thread
  const head = Buffer.from(`${JSON.stringify(stored).slice(0, -1)},"response":`);
  return c.body(Buffer.concat([head, answer, Buffer.from('}')]), 201, { 'Content-Type': 'application/json' });
}
