/**
 * `tokenscope gate FILE`: publish or review each sentence of a saved response by its mean logprob
 * (seed 001). Exits 2 when any sentence needs review, 0 when all can be published, 1 on errors.
 * `--dataset NAME` takes the dataset's saved thresholds (`calibrate --dataset --save`) for the
 * bounds not given with --publish/--review; the store is opened only then.
 */
import {
  analyze,
  DEFAULT_GATE_THRESHOLDS,
  DEFAULT_THRESHOLDS,
  gate,
  renderGateJson,
  renderGateMarkdown,
  renderGateText,
} from '@tokenscope/core';
import { Command, Option } from 'commander';
import { addStoreOptions, openStore, type StoreCliOptions } from '../app/openStore.js';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { readResponse } from '../io/readResponse.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { addColorOptions } from '../options/colorOptions.js';
import { formatOption } from '../options/formatOption.js';
import { parseMeanLogprob } from '../options/parseMeanLogprob.js';
import { parseProbability } from '../options/parseNumbers.js';
import {
  addParseOptions,
  addSourceOptions,
  inputSource,
  parseRequest,
  type ResponseInputOptions,
} from '../options/responseInput.js';
import { shouldUseColor } from '../options/shouldUseColor.js';

/** Exit code when some sentence needs review. */
export const EXIT_NEEDS_REVIEW = 2;

export const GATE_FORMATS = ['ansi', 'md', 'json'] as const;

interface GateCliOptions extends ResponseInputOptions, StoreCliOptions {
  dataset?: string;
  format: (typeof GATE_FORMATS)[number];
  publish: number;
  review: number;
  lowConfidence?: number;
  color?: boolean;
  pretty?: boolean;
  output?: string;
}

/** Sets the bounds not given on the command line to the dataset's saved thresholds; says which on stderr. */
async function datasetThresholds(
  name: string,
  command: Command,
  options: GateCliOptions,
  io: CliIo,
): Promise<void> {
  const explicit = (key: 'publish' | 'review') => command.getOptionValueSource(key) === 'cli';
  if (explicit('publish') && explicit('review')) {
    io.stderr.write(
      `tokenscope: gate thresholds publish ${options.publish}, review ${options.review} from --publish/--review (not dataset ${name}'s)\n`,
    );
    return;
  }
  const store = await openStore(options, io);
  try {
    const settings = await store.datasetSettings(name);
    const saved = settings.thresholds;
    if (saved === null) {
      io.stderr.write(
        `tokenscope: dataset ${name} has no saved thresholds (${store.location}): gate thresholds publish ${options.publish}, review ${options.review} (core's defaults or the options given)\n`,
      );
      return;
    }
    if (!explicit('publish')) options.publish = saved.publish;
    if (!explicit('review')) options.review = saved.review;
    const from = settings.thresholdsNote === null ? '' : `, "${settings.thresholdsNote}"`;
    io.stderr.write(
      `tokenscope: gate thresholds publish ${round(options.publish)}, review ${round(options.review)}: saved for dataset ${name} (${store.location}${from})${explicit('publish') || explicit('review') ? ', with the bound given on the command line' : ''}\n`,
    );
  } finally {
    await store.close();
  }
}

function round(value: number): number {
  return Number(value.toFixed(4));
}

export function gateCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('gate')
    .description(
      'Publish or review each sentence by its mean logprob; exit 2 when any needs review. (Confidence, not truth.)',
    )
    .argument('[file]', 'saved response: JSON, JSON lines or SSE; "-" or none reads stdin')
    .addOption(formatOption(GATE_FORMATS, { default: 'ansi', description: 'report format' }))
    .addOption(
      new Option('--publish <logprob>', 'publish sentences with a mean logprob above this')
        .argParser(parseMeanLogprob)
        .default(DEFAULT_GATE_THRESHOLDS.publish),
    )
    .addOption(
      new Option('--review <logprob>', 'review sentences with a mean logprob below this')
        .argParser(parseMeanLogprob)
        .default(DEFAULT_GATE_THRESHOLDS.review),
    )
    .option(
      '--low-confidence <p>',
      `a critical fact is low-confidence when a token is below p (default ${DEFAULT_THRESHOLDS.lowConfidence})`,
      parseProbability,
    );
  addColorOptions(addParseOptions(addSourceOptions(command)))
    .option('--pretty', 'json: indent the output')
    .option('-o, --output <file>', 'write the verdicts to a file (atomically) instead of stdout')
    .option(
      '--dataset <name>',
      "use the dataset's saved thresholds (calibrate --dataset --save) unless --publish/--review are given",
    );
  addStoreOptions(command);
  return command.action(async (file: string | undefined, options: GateCliOptions) => {
    if (options.dataset !== undefined) await datasetThresholds(options.dataset, command, options, io);
    if (!(options.publish > options.review)) {
      throw new UsageError(
        `--publish (${options.publish}) must be above --review (${options.review}): sentences between them are reviewed only for low-confidence facts`,
      );
    }
    const source = inputSource(file, io, 'gate response.json');
    const response = await readResponse(source, parseRequest(options));
    const analysis = analyze(response, {
      choice: options.choice,
      thresholds: options.lowConfidence === undefined ? {} : { lowConfidence: options.lowConfidence },
    });
    const result = gate(analysis, { publish: options.publish, review: options.review });
    const toFile = options.output !== undefined;
    const text =
      options.format === 'json'
        ? renderGateJson(result, { pretty: options.pretty === true })
        : options.format === 'md'
          ? renderGateMarkdown(result)
          : renderGateText(result, {
              color: toFile
                ? options.color === true
                : shouldUseColor(options.color, io.env, io.stdout.isTTY === true),
            });
    if (options.output === undefined) io.stdout.write(text);
    else await writeFileAtomic(options.output, text);
    if (result.verdict === 'review') {
      if (toFile) {
        io.stderr.write(
          `tokenscope: ${result.counts.review} of ${result.sentences.length} sentences need review (see ${options.output})\n`,
        );
      }
      setExitCode(EXIT_NEEDS_REVIEW);
    }
  });
}
