import { analyze, buildCompletion, type FormatId, type LogprobResponse } from '@tokenscope/core';
import type { GenerateRequest, GenerateResult, ModelInfo } from '@tokenscope/local';
import { Command, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../models/openLocalModel.js';
import {
  addConstraintOptions,
  type ConstraintOptions,
  hasConstraint,
  readConstraint,
} from '../options/constraintOptions.js';
import {
  integerAtLeast,
  parseNonNegativeNumber,
  parseTopLogprobs,
  parseTopP,
} from '../options/parseNumbers.js';
import {
  addGateOptions,
  addOutputOptions,
  addThresholdOptions,
  analysisOptions,
  emitReport,
  type ReportOptions,
  reportFormatOption,
} from '../options/reportOptions.js';
import { addRemoteOptions, askRemote, type RemoteAskOptions } from './askRemote.js';

/** The options of `ask`, as commander parses them. */
interface AskOptions extends ReportOptions, LocalModelOptions, RemoteAskOptions, ConstraintOptions {
  topLogprobs: number | 'all';
  maxTokens: number;
  temperature: number;
  topP?: number;
  seed?: number;
  stop?: string[];
  chat?: boolean;
  distribution: 'raw' | 'processed';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The engine request for the prompt and options. */
export function askRequest(prompt: string, options: AskOptions): GenerateRequest {
  return {
    prompt: options.chat === true ? { messages: [{ role: 'user', content: prompt }] } : prompt,
    maxTokens: options.maxTokens,
    temperature: options.temperature,
    logprobs: true,
    topLogprobs: options.topLogprobs,
    distribution: options.distribution,
    ...(options.topP === undefined ? {} : { topP: options.topP }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.stop === undefined ? {} : { stop: options.stop }),
  };
}

/**
 * The engine's result as a response in the core data model. The format label is the OpenAI shape the
 * same request gets from `tokenscope serve`: `openai-chat` with `--chat`, `openai-completions` without.
 */
export function askResponse(result: GenerateResult, info: ModelInfo, chat: boolean): LogprobResponse {
  const format: FormatId = chat ? 'openai-chat' : 'openai-completions';
  const completion = buildCompletion(result.tokens, {
    index: 0,
    distribution: result.distribution,
    responseText: result.text,
    finishReason: result.finishReason,
    vocabSize: info.vocabSize,
  });
  if (result.constraint) completion.constraint = result.constraint;
  return { format, model: info.id, completions: [completion] };
}

/** Builds `tokenscope ask`. `setExitCode` receives 2 when the gate fails. */
export function askCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('ask')
    .description(
      'Generate with a local GGUF model (or a remote API with --base-url) and show how confident it was in each token.',
    )
    .argument('<prompt>', 'the prompt (raw text; with --chat, one user message)');
  addLocalModelOptions(command)
    .addOption(
      new Option('--top-logprobs <k>', 'alternatives reported per token (an integer, or "all")')
        .argParser(parseTopLogprobs)
        .default(5),
    )
    .option('--max-tokens <n>', 'most tokens to generate', integerAtLeast(1), 64)
    .option('--temperature <t>', 'sampling temperature, 0 for greedy', parseNonNegativeNumber, 0)
    .option(
      '--top-p <p>',
      'nucleus sampling: keep the most likely tokens up to this mass (default 1)',
      parseTopP,
    )
    .option('--seed <n>', 'sampling seed (same seed, same answer)', integerAtLeast(0))
    .option('--stop <text>', 'stop before this text (repeat for several)', collect)
    .option('--chat', "format the prompt as a user message with the model's chat template")
    .addOption(
      new Option('--distribution <which>', 'report the raw model distribution or the one sampled from')
        .choices(['raw', 'processed'])
        .default('raw'),
    )
    .addOption(reportFormatOption());
  addConstraintOptions(command);
  addRemoteOptions(command);
  addGateOptions(addOutputOptions(addThresholdOptions(command)));
  return command.action(async (prompt: string, options: AskOptions) => {
    if (options.baseUrl !== undefined && hasConstraint(options)) {
      throw new UsageError('--choices, --json-schema and --grammar need a local model; leave out --base-url');
    }
    const response =
      options.baseUrl === undefined
        ? await askLocal(prompt, options, io)
        : await askRemote(
            prompt,
            options.baseUrl,
            options,
            io,
            (name) => command.getOptionValueSource(name) === 'cli',
          );
    const analysis = analyze(response, analysisOptions(options));
    const title = `Tokenscope: ${response.model ?? options.model ?? 'model'}`;
    await emitReport(analysis, options, { io, setExitCode, title });
  });
}

/** Generates with the local model. */
async function askLocal(prompt: string, options: AskOptions, io: CliIo): Promise<LogprobResponse> {
  const request = askRequest(prompt, options);
  const constraint = await readConstraint(options);
  if (constraint) request.constraint = constraint;
  // A native crash (e.g. a character the vocabulary lacks) kills only the child process: it
  // becomes a one-line EngineCrashedError. No restart: this command runs one request.
  const engine = await openLocalModel(options, io, { restart: false });
  let result: GenerateResult;
  try {
    result = await engine.generate(request);
  } finally {
    await engine.close();
  }
  return askResponse(result, engine.info, options.chat === true);
}
