/**
 * `tokenscope calibrate FILE.jsonl`: how well a model's confidence matches how often it is right.
 * Reads JSON lines of {confidence | logprob | logprobs, correct}, prints ECE (equal-width and
 * equal-mass bins, bootstrap interval), MCE, Brier score with its decomposition, log loss, AUROC,
 * AURC, the prediction-rejection ratio, three fitted calibration maps and review thresholds.
 * `--dataset NAME` reads the rows from the dataset's stored runs and reviews instead, proposes gate
 * thresholds for `--budget`, and `--save` stores them for the dataset (see calibrateDataset.ts).
 */
import { basename } from 'node:path';
import {
  type CalibrationReport,
  type CalibrationSample,
  calibrate,
  compareSignalCalibration,
  DERIVE_MODES,
  type DeriveMode,
  parseCalibrationRows,
  renderCalibrationHtml,
  renderCalibrationMarkdown,
  renderCalibrationText,
  renderSignalComparisonMarkdown,
  renderSignalComparisonText,
  type SignalCalibrationComparison,
} from '@tokenscope/core';
import { Command, Option } from 'commander';
import { addStoreOptions, openStore, type StoreCliOptions } from '../app/openStore.js';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { readText } from '../io/readText.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { addColorOptions } from '../options/colorOptions.js';
import { formatOption } from '../options/formatOption.js';
import { integerAtLeast, parseProbability } from '../options/parseNumbers.js';
import { inputSource } from '../options/responseInput.js';
import { shouldUseColor } from '../options/shouldUseColor.js';
import {
  type DatasetLabels,
  type DatasetSignal,
  datasetSamples,
  describeLabels,
  describeProposal,
  proposeThresholds,
  thresholdsNote,
} from './calibrateDataset.js';

export const CALIBRATE_FORMATS = ['ansi', 'html', 'md', 'json'] as const;
type CalibrateFormat = (typeof CALIBRATE_FORMATS)[number];

interface CalibrateCliOptions extends StoreCliOptions {
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
  dataset?: string;
  save?: boolean;
}

export function calibrateCommand(io: CliIo): Command {
  const command = new Command('calibrate')
    .description(
      'Measure how well confidence matches correctness: ECE, Brier, AUROC, fitted maps, review budgets.',
    )
    .argument(
      '[file]',
      'JSON lines of {"confidence"|"logprob"|"logprobs", "correct"}; "-" or none reads stdin',
    )
    .addOption(formatOption(CALIBRATE_FORMATS, { default: 'ansi', description: 'report format' }))
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
    );
  addColorOptions(command)
    .option('--pretty', 'json: indent the output')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option(
      '--dataset <name>',
      "calibrate on the dataset's stored runs: reviewers' decisions, else the expected answer (instead of FILE)",
    )
    .option(
      '--save',
      "--dataset: save the thresholds proposed for --budget as the dataset's gate thresholds",
    );
  return addStoreOptions(command).action(async (file: string | undefined, options: CalibrateCliOptions) => {
    if (options.dataset !== undefined) {
      if (file !== undefined) {
        throw new UsageError(`give either FILE (${file}) or --dataset ${options.dataset}, not both`);
      }
      return calibrateDataset(options.dataset, options, io);
    }
    if (options.save === true) throw new UsageError('--save needs --dataset NAME (and --budget)');
    const source = inputSource(file, io, 'calibrate answers.jsonl');
    const samples = parseCalibrationRows(await readText(source), { derive: options.derive });
    const title = source.kind === 'file' ? `Calibration: ${basename(source.path)}` : 'Calibration';
    await writeReport(calibrateSamples(samples, options), options, io, title);
  });
}

function calibrateSamples(samples: CalibrationSample[], options: CalibrateCliOptions): CalibrationReport {
  return calibrate(samples, {
    bins: options.bins,
    bootstrap: options.bootstrap,
    seed: options.seed,
    ...(options.split === undefined ? {} : { split: options.split }),
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.catch === undefined ? {} : { catch: options.catch }),
  });
}

async function calibrateDataset(name: string, options: CalibrateCliOptions, io: CliIo): Promise<void> {
  if (options.save === true && options.budget === undefined) {
    throw new UsageError('--save needs --budget: the thresholds saved are those of the review budget');
  }
  const store = await openStore(options, io);
  try {
    const { samples, labels, signal, pairs } = await datasetSamples(store, name);
    const report = calibrateSamples(samples, options);
    // The gate's thresholds are mean logprobs: a dataset of sampling agreements only gets none.
    const proposed =
      report.budget === null || signal === 'consistency' ? null : proposeThresholds(report.budget);
    const extra: DatasetExtra = {
      labels,
      signal,
      proposal:
        report.budget === null
          ? null
          : signal === 'consistency'
            ? 'no gate thresholds proposed: the gate judges mean token logprobs, and these answers were made from samples only (their verdict comes from the sampling agreement)'
            : describeProposal(report.budget, proposed),
      proposed,
      signals: pairs.length >= 2 ? compareSignalCalibration(pairs, { bins: options.bins }) : null,
    };
    await writeReport(report, options, io, `Calibration: dataset ${name}`, extra);
    if (options.save === true && options.budget !== undefined) {
      if (signal === 'consistency') {
        throw new UsageError(
          `nothing saved: dataset "${name}" has sampling agreements only, and the gate's thresholds are mean token logprobs (answers made from samples are judged by their agreement)`,
        );
      }
      if (proposed === null) {
        throw new UsageError(
          `nothing saved: no answer of dataset "${name}" fits in a review budget of ${options.budget}; raise --budget`,
        );
      }
      const note = thresholdsNote(options.budget, samples.length);
      // the gate judges sentences, the budget whole answers: say what the saved pair really sends to review
      const effect = await store.datasetSummary({ dataset: name, thresholds: proposed, facts: 0 });
      io.stderr.write(
        `tokenscope: at these thresholds the gate sends ${effect.total.verdicts.review} of ${effect.total.answers} answers of dataset ${name} to review (${(effect.total.reviewRate * 100).toFixed(1)} %; budget ${(options.budget * 100).toFixed(1)} %)\n`,
      );
      await store.saveDatasetThresholds(name, proposed, note);
      io.stderr.write(
        `tokenscope: saved the gate thresholds of dataset ${name}: publish above ${proposed.publish.toFixed(3)}, review below ${proposed.review.toFixed(3)} ("${note}"); report, batch summaries, gate --dataset and the app now use them for this dataset\n`,
      );
    }
  } finally {
    await store.close();
  }
}

/**
 * What `--dataset` adds to the report: where the labels came from, which signal the report is about,
 * the proposed thresholds, and both signals compared where answers have both.
 */
interface DatasetExtra {
  labels: DatasetLabels;
  signal: DatasetSignal;
  proposal: string | null;
  proposed: { publish: number; review: number } | null;
  signals: SignalCalibrationComparison | null;
}

/** Which confidence the report's figures are about, in one line. */
function signalLine(signal: DatasetSignal): string {
  return signal === 'logprobs'
    ? 'Confidence: exp(mean token logprob) of each answer'
    : 'Confidence: sampling agreement of each answer (share of the samples giving it; this dataset has no token logprobs). Agreement measures stability, not truth';
}

async function writeReport(
  report: CalibrationReport,
  options: CalibrateCliOptions,
  io: CliIo,
  title: string,
  extra?: DatasetExtra,
): Promise<void> {
  const toFile = options.output !== undefined;
  const color = toFile
    ? options.color === true
    : shouldUseColor(options.color, io.env, io.stdout.isTTY === true);
  const text = withDataset(
    render(report, options, { title, color, ...(extra?.signals ? { signals: extra.signals } : {}) }),
    options,
    extra,
  );
  if (options.output === undefined) io.stdout.write(text);
  else await writeFileAtomic(options.output, text);
  // html keeps the page as it is: the dataset's lines go to stderr.
  if (extra !== undefined && options.format === 'html') {
    io.stderr.write(
      `${describeLabels(extra.labels)}\n${signalLine(extra.signal)}\n${extra.proposal === null ? '' : `${extra.proposal}\n`}${extra.signals === null ? '' : `${extra.signals.line}\n`}`,
    );
  }
}

/** Text formats get the labels line first and the proposal last; json gets fields; html, stderr lines. */
function withDataset(text: string, options: CalibrateCliOptions, extra: DatasetExtra | undefined): string {
  if (extra === undefined) return text;
  const head = `${describeLabels(extra.labels)}\n${signalLine(extra.signal)}`;
  switch (options.format) {
    case 'json': {
      const json = JSON.parse(text) as Record<string, unknown>;
      const fields = {
        dataset: extra.labels,
        signal: extra.signal,
        proposedThresholds: extra.proposed,
        proposal: extra.proposal,
        signals: extra.signals,
      };
      return `${JSON.stringify({ ...json, ...fields }, null, options.pretty === true ? 2 : undefined)}\n`;
    }
    case 'html':
      return text;
    default: {
      const tail = extra.proposal === null ? '' : `\n${extra.proposal}\n`;
      const signals =
        extra.signals === null
          ? ''
          : `\n${options.format === 'md' ? renderSignalComparisonMarkdown(extra.signals) : renderSignalComparisonText(extra.signals)}`;
      return `${head}\n\n${text}${tail}${signals}`;
    }
  }
}

function render(
  report: CalibrationReport,
  options: CalibrateCliOptions,
  context: { title: string; color: boolean; signals?: SignalCalibrationComparison },
): string {
  switch (options.format) {
    case 'ansi':
      return renderCalibrationText(report, { color: context.color });
    case 'md':
      return renderCalibrationMarkdown(report);
    case 'html':
      return renderCalibrationHtml(report, {
        title: context.title,
        ...(context.signals === undefined ? {} : { signals: context.signals }),
      });
    case 'json':
      return `${JSON.stringify({ ...report, derive: options.derive }, null, options.pretty === true ? 2 : undefined)}\n`;
  }
}
