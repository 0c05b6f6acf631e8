/**
 * `tokenscope classify --labels "billing,bug report,..." TEXT`: the probability of each full label as
 * the continuation of a prompt (seed 002), the distribution over the labels, the margin between
 * the top two and whether to abstain. Exit 0, or 2 with `--fail-on-abstain` when any text abstains.
 */
import {
  buildClassifyPrompt,
  type Classification,
  checkLabels,
  DEFAULT_CLASSIFY_TEMPLATE,
  DEFAULT_MIN_MARGIN,
  formatProbability,
  renderClassificationText,
} from '@tokenscope/core';
import { LogprobsUnsupportedError, type ProviderId } from '@tokenscope/providers';
import { Command, Option } from 'commander';
import { fallbackNotice } from '../../consistency/fallbackNotice.js';
import { UsageError } from '../../errors/UsageError.js';
import type { CliIo } from '../../io/CliIo.js';
import { readText } from '../../io/readText.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../../models/openLocalModel.js';
import { addConfidenceOptions, type ConfidenceOptions } from '../../options/confidenceOptions.js';
import { formatOption } from '../../options/formatOption.js';
import { integerAtLeast, parseProbability } from '../../options/parseNumbers.js';
import { endpointOf } from '../../options/remoteOptions.js';
import { addRemoteOptions } from '../askRemote.js';
import {
  type Classifier,
  type ClassifierSettings,
  localClassifier,
  localSampler,
  type RemoteClassifierSettings,
  remoteClassifier,
  remoteSampler,
  samplingClassifier,
  withFallback,
} from './classifiers.js';
import { readBatchRows, runBatch } from './classifyBatch.js';

/** Formats of `classify --format`. */
export const CLASSIFY_FORMATS = ['text', 'json'] as const;

/** Exit code when `--fail-on-abstain` is given and some text abstained. */
export const EXIT_ABSTAINED = 2;

interface ClassifyOptions extends LocalModelOptions, ConfidenceOptions {
  labels?: string;
  labelsFile?: string;
  promptTemplate?: string;
  space: boolean;
  minMargin: number;
  failOnAbstain?: boolean;
  batch?: string;
  format: (typeof CLASSIFY_FORMATS)[number];
  pretty?: boolean;
  baseUrl?: string;
  provider: ProviderId;
  apiKey?: string;
  topLogprobs: number;
  ignoreCase?: boolean;
}

/** The labels of `--labels` (comma-separated) or `--labels-file` (one per line, blank lines skipped). */
async function readLabels(options: ClassifyOptions): Promise<string[]> {
  if ((options.labels === undefined) === (options.labelsFile === undefined)) {
    throw new UsageError('give the labels with --labels "a,b,c" or --labels-file FILE (one of them)');
  }
  const list =
    options.labels !== undefined
      ? options.labels.split(',')
      : (await readText({ kind: 'file', path: options.labelsFile! }))
          .split('\n')
          .filter((l) => l.trim() !== '');
  return checkLabels(list);
}

export function classifyCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('classify')
    .description(
      'Classify text by the probability of each label as the continuation of a prompt; abstain when the top two are close.',
    )
    .argument('[text]', 'the text to classify; "-" reads stdin (or use --batch)')
    .option('--labels <list>', 'comma-separated labels, e.g. "billing,bug report,feature request"')
    .option('--labels-file <file>', 'labels, one per line')
    .option(
      '--prompt-template <template>',
      'prompt with {text} (and optionally {labels}); the label follows it (default: an instruction ending in "Category:")',
    )
    .option('--no-space', 'do not put a space before the label (the template ends with one)')
    .addOption(
      new Option('--min-margin <p>', 'abstain when the top two labels differ by less than p')
        .argParser(parseProbability)
        .default(DEFAULT_MIN_MARGIN),
    )
    .option('--fail-on-abstain', 'exit 2 when any text abstains')
    .option('--batch <file>', 'classify every row of a JSON-lines file: {"text", "id"?, "label"?}')
    .addOption(
      formatOption(CLASSIFY_FORMATS, {
        default: 'text',
        description: 'output format (JSON lines with --batch)',
      }),
    )
    .option('--pretty', 'json: indent the output (not with --batch)')
    .addOption(
      new Option('--top-logprobs <k>', 'with --base-url: first-token alternatives to read labels from')
        .argParser(integerAtLeast(1))
        .default(20),
    )
    .option('--ignore-case', 'with --base-url: match first tokens to labels without regard to case');
  addConfidenceOptions(addRemoteOptions(addLocalModelOptions(command)));
  return command.action(async (text: string | undefined, options: ClassifyOptions) => {
    const labels = await readLabels(options);
    const template = options.promptTemplate ?? DEFAULT_CLASSIFY_TEMPLATE;
    buildClassifyPrompt(template, '', labels); // checks the template before the model loads
    if (options.batch !== undefined && text !== undefined) {
      throw new UsageError('give either TEXT or --batch FILE, not both');
    }
    if (options.batch !== undefined && options.confidence === 'both') {
      throw new UsageError(
        '--confidence both compares the two signals on one text; with --batch use --confidence logprobs or consistency',
      );
    }
    const rows = options.batch === undefined ? undefined : await readBatchRows(options.batch);
    let input: string | undefined;
    if (rows === undefined) {
      if (text === undefined)
        throw new UsageError('no text: pass TEXT, "-" for stdin, or --batch FILE.jsonl');
      input = text === '-' ? await readText({ kind: 'stream', stream: io.stdin }) : text;
      if (input.trim().length === 0) throw new UsageError('the text to classify is empty');
    }
    const settings: ClassifierSettings = {
      labels,
      template,
      space: options.space,
      minMargin: options.minMargin,
    };
    const classifiers = await openClassifiers(
      options,
      settings,
      io,
      (name) => command.getOptionValueSource(name) === 'cli',
    );
    try {
      const classifier = (classifiers.logprobs ?? classifiers.consistency)!;
      if (rows !== undefined) {
        const outcome = await runBatch(rows, classifier, { format: options.format, io });
        if (outcome.anyAbstain && options.failOnAbstain === true) setExitCode(EXIT_ABSTAINED);
        return;
      }
      const results: Classification[] = [];
      if (classifiers.logprobs && classifiers.consistency) {
        // --confidence both: an endpoint without logprobs leaves the sampled classification alone.
        try {
          results.push(await classifiers.logprobs.classify(input!));
        } catch (error) {
          if (!(error instanceof LogprobsUnsupportedError)) throw error;
          io.stderr.write(`tokenscope: ${fallbackNotice(error, options.samples).line}\n`);
        }
        results.push(await classifiers.consistency.classify(input!));
      } else results.push(await classifier.classify(input!));
      io.stdout.write(renderResults(classifiers.model, results, options));
      if (results.some((r) => r.abstain) && options.failOnAbstain === true) setExitCode(EXIT_ABSTAINED);
    } finally {
      await classifiers.close();
    }
  });
}

const METHOD_TITLES: Record<Classification['method'], string> = {
  exact: 'exact label probabilities',
  'first-token': 'first-token estimate',
  sampling: 'sampling-based agreement',
};

/** One result as before, or (`--confidence both`) both, then the one-line comparison. */
function renderResults(model: string, results: Classification[], options: ClassifyOptions): string {
  const indent = options.pretty === true ? 2 : undefined;
  const [first, second] = results as [Classification, Classification | undefined];
  if (second === undefined) {
    return options.format === 'json'
      ? `${JSON.stringify({ model, ...first }, null, indent)}\n`
      : renderClassificationText(first, { title: `${model}: ${METHOD_TITLES[first.method]}` });
  }
  const pick = (r: Classification) => {
    const top = r.labels.find((l) => l.label === r.top)!;
    return `${r.abstain ? `abstain (top ${r.top})` : r.top} at ${formatProbability(top.probability)}`;
  };
  const line = `Comparison: logprobs ${pick(first)} · sampling ${pick(second)}: ${
    first.label === second.label ? 'the same decision' : 'different decisions, look closer'
  }`;
  if (options.format === 'json') {
    return `${JSON.stringify({ model, confidence: 'both', logprobs: first, consistency: second, comparison: line }, null, indent)}\n`;
  }
  return [
    renderClassificationText(first, { title: `${model}: ${METHOD_TITLES[first.method]}` }),
    renderClassificationText(second, { title: `${model}: ${METHOD_TITLES[second.method]}` }),
    `${line}\n`,
  ].join('\n');
}

/** The classifiers `--confidence` asks for, on one model; `close` frees it once. */
interface Classifiers {
  model: string;
  logprobs?: Classifier;
  consistency?: Classifier;
  close(): Promise<void>;
}

async function openClassifiers(
  options: ClassifyOptions,
  settings: ClassifierSettings,
  io: CliIo,
  given: (option: string) => boolean,
): Promise<Classifiers> {
  const signal = options.confidence;
  if (options.baseUrl === undefined) {
    for (const remote of ['topLogprobs', 'ignoreCase', 'apiKey']) {
      if (given(remote))
        throw new UsageError(
          `--${kebab(remote)} needs --base-url (a local model scores every label exactly)`,
        );
    }
    const engine = await openLocalModel(options, io);
    const model = engine.info.id;
    return {
      model,
      ...(signal !== 'consistency' && { logprobs: localClassifier(engine, settings) }),
      ...(signal !== 'logprobs' && {
        consistency: samplingClassifier(model, settings, localSampler(engine, options.samples)),
      }),
      close: () => engine.close(),
    };
  }
  const remote = remoteSettings(options, settings, io, given);
  const sampling = samplingClassifier(remote.model, settings, remoteSampler(remote, options.samples));
  const firstToken = remoteClassifier(remote);
  return {
    model: remote.model,
    ...(signal !== 'consistency' && {
      logprobs: signal === 'logprobs' ? withFallback(firstToken, sampling, io, options.samples) : firstToken,
    }),
    ...(signal !== 'logprobs' && { consistency: sampling }),
    close: async () => {},
  };
}

/** Checks the remote options (local ones refused) and builds the remote classifier's settings. */
function remoteSettings(
  options: ClassifyOptions,
  settings: ClassifierSettings,
  io: CliIo,
  given: (option: string) => boolean,
): RemoteClassifierSettings {
  if (options.model === undefined) {
    throw new UsageError(
      '--base-url needs --model: the model id the remote API knows (tokenscope probe lists them)',
    );
  }
  for (const local of ['contextSize', 'threads']) {
    if (given(local))
      throw new UsageError(`--${kebab(local)} is for local models and cannot be used with --base-url`);
  }
  return {
    ...settings,
    endpoint: endpointOf(options.baseUrl!, options, io.env),
    provider: options.provider,
    model: options.model,
    topLogprobs: options.topLogprobs,
    ignoreCase: options.ignoreCase === true,
  };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
