/**
 * The options every command that prints an X-ray shares (`analyze`, `ask`): thresholds, report
 * format, colour, width, output file and the CI gate; and the code that renders and writes the report.
 */
import {
  type Analysis,
  type AnalyzeOptions,
  DEFAULT_THRESHOLDS,
  endingNoteLine,
  endingNotes,
  type ThresholdOverrides,
} from '@tokenscope/core';
import type { Command, Option } from 'commander';
import { evaluateGate } from '../commands/evaluateGate.js';
import {
  REPORT_FORMATS,
  type ReportOptions as RenderOptions,
  type ReportFormat,
  renderReport,
} from '../commands/renderReport.js';
import type { CliIo } from '../io/CliIo.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { addColorOptions } from './colorOptions.js';
import { formatOption } from './formatOption.js';
import { type BandBounds, parseBands, parseProbability, parseWidth } from './parseNumbers.js';
import { shouldUseColor } from './shouldUseColor.js';

/** Exit code when the report was written but the CI gate (`--fail-on-flag`, `--fail-below`) failed. */
export const EXIT_GATE_FAILED = 2;

/** The report options, as commander parses them. */
export interface ReportOptions {
  format: ReportFormat;
  lowConfidence?: number;
  ambiguousMargin?: number;
  bands?: BandBounds;
  width?: number;
  color?: boolean;
  pretty?: boolean;
  output?: string;
  failOnFlag?: boolean;
  failBelow?: number;
  countControlTokens?: boolean;
}

/** `--format` of an X-ray report: `ansi`, `html`, `md` or `json`, defaulting to `ansi`. */
export function reportFormatOption(): Option {
  return formatOption(REPORT_FORMATS, { default: 'ansi', description: 'report format' });
}

/** `--low-confidence`, `--ambiguous-margin`, `--bands`, `--count-control-tokens`. */
export function addThresholdOptions(command: Command): Command {
  return command
    .option(
      '--count-control-tokens',
      'count control tokens (<|eot_id|>, </s>, ...) in the summary scores (default: left out, as they are not part of the text)',
    )
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
    );
}

/** `--width`, `--color`, `--no-color`, `--pretty`, `-o`. */
export function addOutputOptions(command: Command): Command {
  command.option('--width <n>', 'ansi: line width, 0 for none (default: terminal columns or 80)', parseWidth);
  return addColorOptions(command)
    .option('--pretty', 'json: indent the output')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout');
}

/** `--fail-on-flag`, `--fail-below`. */
export function addGateOptions(command: Command): Command {
  return command
    .option(
      '--fail-on-flag',
      'exit 2 when any span is flagged (low confidence, ambiguous, not the top choice)',
    )
    .option(
      '--fail-below <p>',
      'exit 2 when any token probability is below p (or below the top-k)',
      parseProbability,
    );
}

/** What `analyze` takes from the options: the thresholds, and whether control tokens are counted. */
export function analysisOptions(options: ReportOptions): Omit<AnalyzeOptions, 'choice'> {
  return {
    thresholds: thresholdOverrides(options),
    ...(options.countControlTokens === true && { countControlTokens: true }),
  };
}

/** The threshold overrides the options name (none when no threshold option was given). */
export function thresholdOverrides(options: ReportOptions): ThresholdOverrides {
  return {
    ...(options.bands === undefined ? {} : { bands: options.bands }),
    ...(options.lowConfidence === undefined ? {} : { lowConfidence: options.lowConfidence }),
    ...(options.ambiguousMargin === undefined ? {} : { ambiguousMargin: options.ambiguousMargin }),
  };
}

/** Terminal columns (at least 20), or 80 when not writing to a terminal. */
function defaultWidth(columns: number | undefined): number {
  return columns === undefined || columns <= 0 ? 80 : Math.max(20, columns);
}

/**
 * Renders the analysis as the options ask, writes it to stdout or `--output`, warns on stderr when a
 * constrained answer does not satisfy its constraint (the report says so too; the exit code stays 0),
 * then applies the gate: prints why it failed and calls `setExitCode(2)`.
 */
export async function emitReport(
  analysis: Analysis,
  options: ReportOptions,
  context: { io: CliIo; title: string; setExitCode: (code: number) => void },
): Promise<void> {
  const { io } = context;
  const report = renderReport(analysis, options.format, reportRenderOptions(options, io, context.title));
  await writeReport(report, options, io);
  for (const note of endingNotes(analysis)) {
    if (note.kind === 'incomplete') io.stderr.write(`tokenscope: warning: ${endingNoteLine(note)}\n`);
  }
  applyGate(analysis, options, context);
}

/** How the options say to render: colour (never into a file unless --color), width, indentation, title. */
export function reportRenderOptions(options: ReportOptions, io: CliIo, title: string): RenderOptions {
  const toFile = options.output !== undefined;
  return {
    color: toFile ? options.color === true : shouldUseColor(options.color, io.env, io.stdout.isTTY === true),
    width: options.width ?? defaultWidth(toFile ? undefined : io.stdout.columns),
    pretty: options.pretty === true,
    title,
  };
}

/** Writes a rendered report to standard output, or atomically to `--output`. */
export async function writeReport(report: string, options: ReportOptions, io: CliIo): Promise<void> {
  if (options.output === undefined) io.stdout.write(report);
  else await writeFileAtomic(options.output, report);
}

/** `--fail-on-flag` / `--fail-below`: says why on stderr and sets exit code 2 when the gate fails. */
export function applyGate(
  analysis: Analysis,
  options: ReportOptions,
  context: { io: CliIo; setExitCode: (code: number) => void },
): void {
  const failure = evaluateGate(analysis, {
    failOnFlag: options.failOnFlag === true,
    ...(options.failBelow === undefined ? {} : { failBelow: options.failBelow }),
  });
  if (failure !== null) {
    context.io.stderr.write(`tokenscope: gate failed: ${failure}\n`);
    context.setExitCode(EXIT_GATE_FAILED);
  }
}
