import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  createResponseParser,
  InputTooLargeError,
  type LogprobResponse,
  type ParseRequest,
} from '@tokenscope/core';
import { FileAccessError } from '../errors/FileAccessError.js';
import { formatSize } from './formatSize.js';

/** Where the response comes from: a file path, or a readable stream (stdin). */
export type InputSource = { kind: 'file'; path: string } | { kind: 'stream'; stream: Readable };

/** Chunk size for file reads: large enough to keep a 100 MB file fast, small enough to stay bounded. */
const READ_CHUNK = 1024 * 1024;

/**
 * Streams the input, chunk by chunk, into the core's incremental parser, so a JSON-lines or SSE
 * stream never sits in memory as one string. A parser error stops reading at once (the stream is
 * destroyed when the loop exits), which makes junk input fail fast.
 */
export async function readResponse(source: InputSource, request: ParseRequest): Promise<LogprobResponse> {
  const parser = createResponseParser(request);
  const stream =
    source.kind === 'file'
      ? createReadStream(source.path, { encoding: 'utf8', highWaterMark: READ_CHUNK })
      : source.stream.setEncoding('utf8');
  let chars = 0;
  try {
    for await (const chunk of stream) {
      chars += (chunk as string).length;
      parser.write(chunk as string);
    }
    return parser.end();
  } catch (error) {
    if (source.kind === 'file' && isSystemError(error)) throw new FileAccessError('read', source.path, error);
    if (error instanceof InputTooLargeError)
      throw await tooLarge(error, source, chars, request.maxDocumentChars);
    throw error;
  } finally {
    stream.destroy();
  }
}

/** Restates the core's size error in the command's terms: the file's size and the `--max-bytes` limit. */
async function tooLarge(
  error: InputTooLargeError,
  source: InputSource,
  charsRead: number,
  limit: number | undefined,
): Promise<InputTooLargeError> {
  if (limit === undefined) return error;
  const line = /\bline (\d+)\b/.exec(error.message)?.[1];
  if (line !== undefined) {
    const what = /\bSSE event\b/.test(error.message) ? `the SSE event at line ${line}` : `line ${line}`;
    return new InputTooLargeError(
      `${what} of the stream is longer than the --max-bytes limit of ${formatSize(limit)}, which holds for ` +
        'one line or event of a stream too; raise --max-bytes',
    );
  }
  const size =
    source.kind === 'file'
      ? await stat(source.path).then(
          (s) => s.size,
          () => undefined,
        )
      : undefined;
  const what =
    size !== undefined
      ? `${source.kind === 'file' ? source.path : 'the input'} is ${formatSize(size)}, over`
      : `the input is more than ${formatSize(charsRead)}, over`;
  return new InputTooLargeError(
    `${what} the --max-bytes limit of ${formatSize(limit)} for a single JSON document; raise --max-bytes, ` +
      'or save the response as a stream (SSE or JSON lines), which has no limit',
  );
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error
  );
}
