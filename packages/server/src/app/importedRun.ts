import { type FormatId, type NewRun, parseResponse } from '@tokenscope/core';
import { type EncodedRun, encodeRun } from '@tokenscope/store/encodeRun';

/** What `POST /api/import` parses: the body, the format named by `from`, the cleaned file name. */
export interface ImportInput {
  text: string;
  from: FormatId | undefined;
  fileName: string | undefined;
}

/** An import as a worker thread gets it: the body's bytes (moved, not copied, to the worker). */
export interface ImportBytes extends Omit<ImportInput, 'text'> {
  body: ArrayBuffer;
}

/** An import parsed, validated, analysed and encoded (`encodeImport`): plain data. */
export interface EncodedImport {
  encoded: EncodedRun;
  /** The response as the API answers it: plain JSON (no non-finite marks), UTF-8. */
  answer: Uint8Array;
}

/** `tgi.generate-stream.recorded.sse.txt` -> `tgi.generate-stream.recorded`; no name -> `Imported response`. */
function titleOf(fileName: string | undefined): string {
  if (fileName === undefined) return 'Imported response';
  const stem = fileName.replace(/(\.(json|jsonl|ndjson|sse|txt))+$/i, '');
  return stem === '' ? fileName : stem;
}

/** The run an import saves: the parsed response (core's errors for a bad file), source `import`. */
export function importedRun({ text, from, fileName }: ImportInput): NewRun {
  const response = parseResponse(text, from === undefined ? {} : { from });
  const run: NewRun = {
    source: 'import',
    title: titleOf(fileName),
    model: response.model ?? 'unknown',
    prompt: null,
    params: {},
    response,
  };
  if (fileName !== undefined) run.fileName = fileName;
  return run;
}

/**
 * Everything CPU-heavy of an import, for a worker thread: decoding the body, parsing, validation,
 * analysis, and the response's JSON for the database and (as bytes) for the answer.
 */
export function encodeImport({ body, ...rest }: ImportBytes): EncodedImport {
  const run = importedRun({ ...rest, text: new TextDecoder().decode(body) });
  const encoded = encodeRun(run);
  // toJson marks non-finite numbers (a provider's raw -Infinity); the API answers plain JSON
  const plain = encoded.responseJson.includes('$nonFinite')
    ? JSON.stringify(run.response)
    : encoded.responseJson;
  return { encoded, answer: new TextEncoder().encode(plain) };
}
