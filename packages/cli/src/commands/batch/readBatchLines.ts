/**
 * The lines of a batch input, streamed: one JSON lines file, or every `*.jsonl` file of a folder (in
 * name order, not recursive). Memory holds one line at a time, whatever the file size. Blank lines
 * are skipped. `where` names the line for messages (`data.jsonl:12`).
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { FileAccessError } from '../../errors/FileAccessError.js';
import { UsageError } from '../../errors/UsageError.js';

export interface BatchLine {
  text: string;
  where: string;
}

/** The files a batch reads (checked before anything starts). */
export function batchFiles(input: string): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(input);
  } catch (error) {
    throw new FileAccessError('read', input, error);
  }
  if (!stat.isDirectory()) return [input];
  const files = readdirSync(input)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(input, name));
  if (files.length === 0) throw new UsageError(`${input} is a folder without any .jsonl file`);
  return files;
}

export async function* readBatchLines(files: readonly string[]): AsyncIterable<BatchLine> {
  for (const file of files) {
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      yield { text: line, where: `${basename(file)}:${n}` };
    }
  }
}

/**
 * The same lines, starting at the `start`-th (0-based, blank lines not counted) and wrapping round
 * to the beginning: workers that share a dataset start at different places and meet late, instead
 * of all walking the same rows in step. The lines before `start` are read twice, parsed once.
 */
export async function* readBatchLinesFrom(files: readonly string[], start: number): AsyncIterable<BatchLine> {
  let i = 0;
  for await (const line of readBatchLines(files)) {
    if (i++ >= start) yield line;
  }
  if (start === 0) return;
  i = 0;
  for await (const line of readBatchLines(files)) {
    if (i++ >= start) return;
    yield line;
  }
}
