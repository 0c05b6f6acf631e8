import { basename } from 'node:path';
import { analyze, FORMAT_IDS, type FormatId, type ParseRequest } from '@tokenscope/core';
import { Command, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { type InputSource, readResponse } from '../io/readResponse.js';
import { integerAtLeast, parsePositiveNumber, parseSize } from '../options/parseNumbers.js';
import {
  addGateOptions,
  addOutputOptions,
  addThresholdOptions,
  emitReport,
  formatOption,
  type ReportOptions,
  thresholdOverrides,
} from '../options/reportOptions.js';

export { EXIT_GATE_FAILED } from '../options/reportOptions.js';

/** Largest single JSON document read by default (`--max-bytes`). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The options of `analyze`, as commander parses them. */
interface AnalyzeOptions extends ReportOptions {
  from?: FormatId;
  choice: number;
  temperature?: number;
  topK?: number;
  allowTruncated?: boolean;
  maxBytes: number;
}

/** Builds `tokenscope analyze`. `setExitCode` receives 2 when the gate fails. */
export function analyzeCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('analyze')
    .description("Show how confident the model was in each token of a saved response's logprobs.")
    .argument('[file]', 'saved response: JSON, JSON lines or SSE; "-" or none reads stdin')
    .addOption(formatOption())
    .addOption(new Option('--from <format>', 'input format (skips detection)').choices(FORMAT_IDS))
    .option('--choice <n>', 'which choice / candidate to analyse', integerAtLeast(0), 0);
  addThresholdOptions(command)
    .option('--temperature <t>', 'raw logits input: softmax temperature (default 1)', parsePositiveNumber)
    .option('--top-k <k>', 'raw logits input: alternatives kept per token (default 20)', integerAtLeast(1))
    .option('--allow-truncated', 'analyse a stream that ends before its end marker')
    .addOption(
      new Option('--max-bytes <n>', 'size limit of a single JSON document (K/M/G suffixes)')
        .argParser(parseSize)
        .default(DEFAULT_MAX_BYTES, '64M'),
    );
  addGateOptions(addOutputOptions(command));
  return command.action(async (file: string | undefined, options: AnalyzeOptions) => {
    const source = inputSource(file, io);
    const response = await readResponse(source, parseRequest(options));
    const analysis = analyze(response, { choice: options.choice, thresholds: thresholdOverrides(options) });
    await emitReport(analysis, options, {
      io,
      setExitCode,
      title: source.kind === 'file' ? `Tokenscope: ${basename(source.path)}` : 'Tokenscope',
    });
  });
}

function inputSource(file: string | undefined, io: CliIo): InputSource {
  if (file !== undefined && file !== '-') return { kind: 'file', path: file };
  if (file === undefined && io.stdin.isTTY === true) {
    throw new UsageError('no input: pass a FILE (tokenscope analyze response.json) or pipe one on stdin');
  }
  return { kind: 'stream', stream: io.stdin };
}

function parseRequest(options: AnalyzeOptions): ParseRequest {
  return {
    maxDocumentChars: options.maxBytes,
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.topK === undefined ? {} : { topK: options.topK }),
    ...(options.allowTruncated === true ? { allowTruncated: true } : {}),
  };
}
