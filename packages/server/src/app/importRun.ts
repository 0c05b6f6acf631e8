import { FORMAT_IDS, type FormatId, type NewRun, parseResponse } from '@tokenscope/core';
import type { Context } from 'hono';
import { ApiError } from '../ApiError.js';
import type { AppServices } from './AppServices.js';

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

/** `tgi.generate-stream.recorded.sse.txt` -> `tgi.generate-stream.recorded`; no name -> `Imported response`. */
function titleOf(fileName: string | undefined): string {
  if (fileName === undefined) return 'Imported response';
  const stem = fileName.replace(/(\.(json|jsonl|ndjson|sse|txt))+$/i, '');
  return stem === '' ? fileName : stem;
}

/**
 * `POST /api/import?name=FILE&from=FORMAT`: the body is a saved response (any format core parses,
 * whole or streamed; detected unless `from` names it). It is parsed, saved as a run with source
 * `import`, the file name and a title from it, and answered with the stored `RunRecord` (201). A
 * response with several choices is stored whole; the app shows and summarises choice 0. Parse errors
 * are 400s with the parser's message.
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
  const text = await c.req.text();
  const response = parseResponse(text, from === undefined ? {} : { from: from as FormatId });
  const run: NewRun = {
    source: 'import',
    title: titleOf(fileName),
    model: response.model ?? 'unknown',
    prompt: null,
    params: {},
    response,
  };
  if (fileName !== undefined) run.fileName = fileName;
  return c.json(await services.store.save(run), 201);
}
