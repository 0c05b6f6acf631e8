import { type FormatId, type NewRun, parseResponse } from '@tokenscope/core';
import { type EncodedRun, encodeRun } from '@tokenscope/store/encodeRun';

/** What `POST /api/import` parses: the body, the format named by `from`, the cleaned file name. */
export interface ImportInput {
  text: string;
  from: FormatId | undefined;
  fileName: string | undefined;
}

/** An import parsed, validated, analysed and encoded (`encodeImport`): plain data. */
export interface EncodedImport {
  encoded: EncodedRun;
  /**
   * The response as the API answers it (plain JSON), when that differs from `encoded.responseJson`
   * (which marks non-finite numbers); absent when they are the same.
   */
  answerJson?: string;
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

/** Everything CPU-heavy of an import (parse, validation, analysis, JSON), for a worker thread. */
export function encodeImport(input: ImportInput): EncodedImport {
  const run = importedRun(input);
  const encoded = encodeRun(run);
  // toJson marks non-finite numbers (a provider's raw -Infinity); the API answers plain JSON
  if (!encoded.responseJson.includes('$nonFinite')) return { encoded };
  return { encoded, answerJson: JSON.stringify(run.response) };
}
