/**
 * The input side of every command that reads a saved response (`analyze`, `gate`): where it comes
 * from (a FILE, `-` or piped stdin), the options that steer the parser, and the choice to analyse.
 */
import { FORMAT_IDS, type FormatId, type ParseRequest } from '@tokenscope/core';
import { type Command, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import type { InputSource } from '../io/readResponse.js';
import { integerAtLeast, parsePositiveNumber, parseSize } from './parseNumbers.js';

/** Largest single JSON document read by default (`--max-bytes`). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The input options, as commander parses them. */
export interface ResponseInputOptions {
  from?: FormatId;
  choice: number;
  temperature?: number;
  topK?: number;
  allowTruncated?: boolean;
  maxBytes: number;
}

/** `--from`, `--choice`. */
export function addSourceOptions(command: Command): Command {
  return command
    .addOption(new Option('--from <format>', 'input format (skips detection)').choices(FORMAT_IDS))
    .option('--choice <n>', 'which choice / candidate to analyse', integerAtLeast(0), 0);
}

/** `--temperature`, `--top-k` (raw logits input), `--allow-truncated`, `--max-bytes`. */
export function addParseOptions(command: Command): Command {
  return command
    .option('--temperature <t>', 'raw logits input: softmax temperature (default 1)', parsePositiveNumber)
    .option('--top-k <k>', 'raw logits input: alternatives kept per token (default 20)', integerAtLeast(1))
    .option('--allow-truncated', 'analyse a stream that ends before its end marker')
    .addOption(
      new Option('--max-bytes <n>', 'size limit of a single JSON document (K/M/G suffixes)')
        .argParser(parseSize)
        .default(DEFAULT_MAX_BYTES, '64M'),
    );
}

/**
 * The FILE argument as an input source: a path, or stdin for `-` or no FILE (unless stdin is a
 * terminal). `example` shows the command with a file, e.g. `analyze response.json`.
 */
export function inputSource(file: string | undefined, io: CliIo, example: string): InputSource {
  if (file !== undefined && file !== '-') return { kind: 'file', path: file };
  if (file === undefined && io.stdin.isTTY === true) {
    throw new UsageError(`no input: pass a FILE (tokenscope ${example}) or pipe one on stdin`);
  }
  return { kind: 'stream', stream: io.stdin };
}

/** What the parser needs from the options. */
export function parseRequest(options: ResponseInputOptions): ParseRequest {
  return {
    maxDocumentChars: options.maxBytes,
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.topK === undefined ? {} : { topK: options.topK }),
    ...(options.allowTruncated === true ? { allowTruncated: true } : {}),
  };
}
