/**
 * `tokenscope calibrate FILE.jsonl`: how well a model's confidence matches how often it is right.
 * Reads JSON lines of {confidence | logprob | logprobs, correct}, prints ECE (equal-width and
 * equal-mass bins, bootstrap interval), MCE, Brier score with its decomposition, log loss, AUROC,
 * AURC, the prediction-rejection ratio, three fitted calibration maps and review thresholds.
 */
import { basename } from 'node:path';
import {
  type CalibrationReport,
  calibrate,
  DERIVE_MODES,
  type DeriveMode,
  parseCalibrationRows,
  renderCalibrationHtml,
  renderCalibrationMarkdown,
  renderCalibrationText,
} from '@tokenscope/core';
import { Command, Option } from 'commander';
import type { CliIo } from '../io/CliIo.js';
import { readText } from '../io/readText.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { integerAtLeast, parseProbability } from '../options/parseNumbers.js';
import { inputSource } from '../options/responseInput.js';
import { shouldUseColor } from '../options/shouldUseColor.js';

export const CALIBRATE_FORMATS = ['ansi', 'html', 'md', 'json'] as const;
type CalibrateFormat = (typeof CALIBRATE_FORMATS)[number];

interface CalibrateCliOptions {
  format: CalibrateFormat;
  derive: DeriveMode;
  bins: number;
  bootstrap: number;
  seed: number;
  split?: number;
  budget?: number;
  catch?: number;
  color?: boolean;
  pretty?: boolean;
  output?: string;
}

export function calibrateCommand(io: CliIo): Command {
  return new Command('calibrate')
    .description(
      'Measure how well confidence matches correctness: ECE, Brier, AUROC, fitted maps, review budgets.',
    )
    .argument(
      '[file]',
      'JSON lines of {"confidence"|"logprob"|"logprobs", "correct"}; "-" or none reads stdin',
    )
    .addOption(new Option('--format <format>', 'report format').choices(CALIBRATE_FORMATS).default('ansi'))
    .addOption(
      new Option('--derive <how>', 'token logprobs → confidence: exp(sum), exp(mean) or exp(min)')
        .choices(DERIVE_MODES)
        .default('mean'),
    )
    .option('--bins <n>', 'bins for the ECE and the reliability diagram', integerAtLeast(1), 10)
    .option('--bootstrap <n>', 'bootstrap replicates for the ECE interval (0: none)', integerAtLeast(0), 1000)
    .option('--seed <n>', 'seed of the bootstrap and of --split', integerAtLeast(0), 1)
    .option(
      '--split <share>',
      'fit the maps on this share of the rows, evaluate on the rest',
      parseProbability,
    )
    .option(
      '--budget <share>',
      'review budget: flag at most this share of answers (e.g. 0.12 or 12%)',
      parseProbability,
    )
    .option(
      '--catch <share>',
      'error-recall target: flag until this share of errors is caught',
      parseProbability,
    )
    .option('--color', 'ansi: force colour')
    .option('--no-color', 'ansi: no colour (default: colour on a terminal unless NO_COLOR is set)')
    .option('--pretty', 'json: indent the output')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (file: string | undefined, options: CalibrateCliOptions) => {
      const source = inputSource(file, io, 'calibrate answers.jsonl');
      const samples = parseCalibrationRows(await readText(source), { derive: options.derive });
      const report = calibrate(samples, {
        bins: options.bins,
        bootstrap: options.bootstrap,
        seed: options.seed,
        ...(options.split === undefined ? {} : { split: options.split }),
        ...(options.budget === undefined ? {} : { budget: options.budget }),
        ...(options.catch === undefined ? {} : { catch: options.catch }),
      });
      const title = source.kind === 'file' ? `Calibration: ${basename(source.path)}` : 'Calibration';
      const toFile = options.output !== undefined;
      const color = toFile
        ? options.color === true
        : shouldUseColor(options.color, io.env, io.stdout.isTTY === true);
      const text = render(report, options, { title, color });
      if (options.output === undefined) io.stdout.write(text);
      else await writeFileAtomic(options.output, text);
    });
}

function render(
  report: CalibrationReport,
  options: CalibrateCliOptions,
  context: { title: string; color: boolean },
): string {
  switch (options.format) {
    case 'ansi':
      return renderCalibrationText(report, { color: context.color });
    case 'md':
      return renderCalibrationMarkdown(report);
    case 'html':
      return renderCalibrationHtml(report, { title: context.title });
    case 'json':
      return `${JSON.stringify({ ...report, derive: options.derive }, null, options.pretty === true ? 2 : undefined)}\n`;
  }
}
