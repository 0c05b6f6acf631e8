import { basename } from 'node:path';
import { analyze, DEFAULT_THRESHOLDS, FORMAT_IDS, type FormatId, type ParseRequest } from '@tokenscope/core';
import { Command, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { type InputSource, readResponse } from '../io/readResponse.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import {
  type BandBounds,
  integerAtLeast,
  parseBands,
  parsePositiveNumber,
  parseProbability,
  parseSize,
  parseWidth,
} from '../options/parseNumbers.js';
import { shouldUseColor } from '../options/shouldUseColor.js';
import { evaluateGate } from './evaluateGate.js';
import { REPORT_FORMATS, type ReportFormat, renderReport } from './renderReport.js';

/** Largest single JSON document read by default (`--max-bytes`). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Exit code when the report was written but the CI gate (`--fail-on-flag`, `--fail-below`) failed. */
export const EXIT_GATE_FAILED = 2;

/** The options of `analyze`, as commander parses them. */
interface AnalyzeOptions {
  format: ReportFormat;
  from?: FormatId;
  choice: number;
  lowConfidence?: number;
  ambiguousMargin?: number;
  bands?: BandBounds;
  temperature?: number;
  topK?: number;
  allowTruncated?: boolean;
  maxBytes: number;
  width?: number;
  color?: boolean;
  pretty?: boolean;
  output?: string;
  failOnFlag?: boolean;
  failBelow?: number;
}

/** Builds `tokenscope analyze`. `setExitCode` receives 2 when the gate fails. */
export function analyzeCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('analyze')
    .description("Show how confident the model was in each token of a saved response's logprobs.")
    .argument('[file]', 'saved response: JSON, JSON lines or SSE; "-" or none reads stdin')
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(REPORT_FORMATS)
        .default('ansi' as ReportFormat),
    )
    .addOption(new Option('--from <format>', 'input format (skips detection)').choices(FORMAT_IDS))
    .option('--choice <n>', 'which choice / candidate to analyse', integerAtLeast(0), 0)
    .option(
      '--low-confidence <p>',
      `flag tokens with probability below p (default ${DEFAULT_THRESHOLDS.lowConfidence})`,
      parseProbability,
    )
    .option(
      '--ambiguous-margin <p>',
      `flag tokens whose top-2 probability margin is below p (default ${DEFAULT_THRESHOLDS.ambiguousMargin})`,
      parseProbability,
    )
    .option(
      '--bands <g,l,y,o>',
      `lower bounds of the green/lime/yellow/orange bands (default ${Object.values(DEFAULT_THRESHOLDS.bands).join(',')})`,
      parseBands,
    )
    .option('--temperature <t>', 'raw logits input: softmax temperature (default 1)', parsePositiveNumber)
    .option('--top-k <k>', 'raw logits input: alternatives kept per token (default 20)', integerAtLeast(1))
    .option('--allow-truncated', 'analyse a stream that ends before its end marker')
    .addOption(
      new Option('--max-bytes <n>', 'size limit of a single JSON document (K/M/G suffixes)')
        .argParser(parseSize)
        .default(DEFAULT_MAX_BYTES, '64M'),
    )
    .option('--width <n>', 'ansi: line width, 0 for none (default: terminal columns or 80)', parseWidth)
    .option('--color', 'ansi: force colour')
    .option('--no-color', 'ansi: no colour (default: colour on a terminal unless NO_COLOR is set)')
    .option('--pretty', 'json: indent the output')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(
      '--fail-on-flag',
      'exit 2 when any span is flagged (low confidence, ambiguous, not the top choice)',
    )
    .option(
      '--fail-below <p>',
      'exit 2 when any token probability is below p (or below the top-k)',
      parseProbability,
    )
    .action(async (file: string | undefined, options: AnalyzeOptions) => {
      const source = inputSource(file, io);
      const response = await readResponse(source, parseRequest(options));
      const thresholds = {
        ...(options.bands === undefined ? {} : { bands: options.bands }),
        ...(options.lowConfidence === undefined ? {} : { lowConfidence: options.lowConfidence }),
        ...(options.ambiguousMargin === undefined ? {} : { ambiguousMargin: options.ambiguousMargin }),
      };
      const analysis = analyze(response, { choice: options.choice, thresholds });
      const toFile = options.output !== undefined;
      const report = renderReport(analysis, options.format, {
        color: toFile
          ? options.color === true
          : shouldUseColor(options.color, io.env, io.stdout.isTTY === true),
        width: options.width ?? defaultWidth(toFile ? undefined : io.stdout.columns),
        pretty: options.pretty === true,
        title: source.kind === 'file' ? `Tokenscope: ${basename(source.path)}` : 'Tokenscope',
      });
      if (options.output === undefined) io.stdout.write(report);
      else await writeFileAtomic(options.output, report);

      const failure = evaluateGate(analysis, {
        failOnFlag: options.failOnFlag === true,
        ...(options.failBelow === undefined ? {} : { failBelow: options.failBelow }),
      });
      if (failure !== null) {
        io.stderr.write(`tokenscope: gate failed: ${failure}\n`);
        setExitCode(EXIT_GATE_FAILED);
      }
    });
}

/** Terminal columns (at least 20), or 80 when not writing to a terminal. */
function defaultWidth(columns: number | undefined): number {
  return columns === undefined || columns <= 0 ? 80 : Math.max(20, columns);
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
