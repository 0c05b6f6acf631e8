import {
  analyze,
  buildCompletion,
  type ConsistencyAnalysis,
  type FormatId,
  type LogprobResponse,
} from '@tokenscope/core';
import type { GenerateRequest, GenerateResult, ModelInfo } from '@tokenscope/local';
import { completeRetryingTemperature, LogprobsUnsupportedError, sampleAnswers } from '@tokenscope/providers';
import { Command, Option } from 'commander';
import { consistencyOf } from '../consistency/consistencyOf.js';
import { fallbackNotice } from '../consistency/fallbackNotice.js';
import { type Fallback, renderBoth, renderConsistency } from '../consistency/renderConsistency.js';
import { sampleLocal } from '../consistency/sampleLocal.js';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../models/openLocalModel.js';
import { addConfidenceOptions, type ConfidenceOptions } from '../options/confidenceOptions.js';
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
  applyGate,
  emitReport,
  type ReportOptions,
  reportFormatOption,
  reportRenderOptions,
  writeReport,
} from '../options/reportOptions.js';
import { applyConsistencyGate } from './applyConsistencyGate.js';
import { addRemoteOptions, type RemoteAskOptions, remoteAsk } from './askRemote.js';

/** The options of `ask`, as commander parses them. */
interface AskOptions
  extends ReportOptions,
    LocalModelOptions,
    RemoteAskOptions,
    ConstraintOptions,
    ConfidenceOptions {
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
  addConfidenceOptions(command);
  addGateOptions(addOutputOptions(addThresholdOptions(command)));
  return command.action(async (prompt: string, options: AskOptions) => {
    if (options.baseUrl !== undefined && hasConstraint(options)) {
      throw new UsageError('--choices, --json-schema and --grammar need a local model; leave out --base-url');
    }
    const answer =
      options.baseUrl === undefined
        ? await askLocal(prompt, options, io)
        : await askRemoteWith(
            prompt,
            options.baseUrl,
            options,
            io,
            (name) => command.getOptionValueSource(name) === 'cli',
          );
    const model = answer.response?.model ?? options.model ?? 'model';
    const context = { io, setExitCode, title: `Tokenscope: ${model}` };
    if (answer.consistency === undefined) {
      await emitReport(analyze(answer.response!, analysisOptions(options)), options, context);
      return;
    }
    const render = reportRenderOptions(options, io, context.title);
    if (answer.response === undefined) {
      const view = renderConsistency(answer.consistency, options.format, {
        ...render,
        model,
        ...(answer.fallback && { fallback: answer.fallback }),
      });
      await writeReport(view, options, io);
      applyConsistencyGate(answer.consistency, options, context);
      return;
    }
    const analysis = analyze(answer.response, analysisOptions(options));
    await writeReport(renderBoth(analysis, answer.consistency, options.format, render), options, io);
    applyGate(analysis, options, context);
    applyConsistencyGate(answer.consistency, options, context);
  });
}

/** What `ask` got: the logprob response, the consistency result, or both; and why it fell back. */
interface AskAnswer {
  response?: LogprobResponse;
  consistency?: ConsistencyAnalysis;
  fallback?: Fallback;
}

/**
 * `ask --base-url`: logprobs (`--confidence logprobs`, the default), falling back to sampling
 * consistency with one line on stderr when the endpoint refuses or ignores them; the samples only
 * (`consistency`); or both.
 */
async function askRemoteWith(
  prompt: string,
  baseURL: string,
  options: AskOptions,
  io: CliIo,
  given: (option: string) => boolean,
): Promise<AskAnswer> {
  const { adapter, endpoint, request } = remoteAsk(prompt, baseURL, options, io, given);
  const answer: AskAnswer = {};
  if (options.confidence !== 'consistency') {
    try {
      answer.response = await completeRetryingTemperature(adapter, endpoint, request, {}, (refusal) =>
        io.stderr.write(
          `tokenscope: the endpoint refused temperature ${request.temperature} (${refusal.message}); asked again without it (the model's default)\n`,
        ),
      );
    } catch (error) {
      if (!(error instanceof LogprobsUnsupportedError)) throw error;
      const notice = fallbackNotice(error, options.samples, options.temperature);
      io.stderr.write(`tokenscope: ${notice.line}\n`);
      answer.fallback = { reason: notice.reason };
    }
  }
  if (options.confidence !== 'logprobs' || answer.fallback !== undefined) {
    const sampled = await sampleAnswers(adapter, endpoint, request, { samples: options.samples });
    answer.consistency = consistencyOf(sampled, io, answer.response?.completions[0]);
  }
  return answer;
}

/** Generates with the local model: logprobs, samples at the consistency temperature, or both. */
async function askLocal(prompt: string, options: AskOptions, io: CliIo): Promise<AskAnswer> {
  const request = askRequest(prompt, options);
  const constraint = await readConstraint(options);
  if (constraint) request.constraint = constraint;
  // A native crash (e.g. a character the vocabulary lacks) kills only the child process: it
  // becomes a one-line EngineCrashedError. No restart: this command runs one request.
  const engine = await openLocalModel(options, io, { restart: false });
  const answer: AskAnswer = {};
  try {
    if (options.confidence !== 'consistency') {
      const result: GenerateResult = await engine.generate(request);
      answer.response = askResponse(result, engine.info, options.chat === true);
    }
    if (options.confidence !== 'logprobs') {
      const sampled = await sampleLocal(engine, request, options.samples);
      answer.consistency = consistencyOf(sampled, io, answer.response?.completions[0]);
    }
  } finally {
    await engine.close();
  }
  return answer;
}
