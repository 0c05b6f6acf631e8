/**
 * `tokenscope score TEXT`: the logprob and rank of every token of text the model did not write, the
 * perplexity, and the X-ray (the report of `analyze`). Local models score with one pass; remote
 * servers with legacy `/completions` `echo` (vLLM, tokenscope serve).
 */
import {
  analyze,
  buildCompletion,
  type LogprobResponse,
  type ScoreSummary,
  scoreSummary,
  type Token,
  toJsonReport,
  tokenRank,
} from '@tokenscope/core';
import { echoTokens } from '@tokenscope/providers';
import { Command, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { readText } from '../io/readText.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../models/openLocalModel.js';
import { integerAtLeast } from '../options/parseNumbers.js';
import { apiKeyOption, endpointOf, parseBaseUrl } from '../options/remoteOptions.js';
import {
  addGateOptions,
  addOutputOptions,
  addThresholdOptions,
  analysisOptions,
  applyGate,
  emitReport,
  type ReportOptions,
  reportFormatOption,
  writeReport,
} from '../options/reportOptions.js';

interface ScoreOptions extends ReportOptions, LocalModelOptions {
  file?: string;
  topLogprobs: number;
  baseUrl?: string;
  apiKey?: string;
}

/** What `score` found, before rendering. JSON-friendly. */
export interface ScoredText extends ScoreSummary {
  model: string;
  topLogprobs: number;
  tokens: Array<{ text: string; logprob: number | null; rank: number | null }>;
}

export function summarizeScored(model: string, tokens: readonly Token[], topLogprobs: number): ScoredText {
  return {
    model,
    ...scoreSummary(tokens, topLogprobs),
    topLogprobs,
    tokens: tokens.map((t) => ({ text: t.text, logprob: t.logprob, rank: tokenRank(t) })),
  };
}

export function scoreCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('score')
    .description(
      "Score text the model did not write: every token's logprob and rank, the perplexity, and the X-ray.",
    )
    .argument('[text]', 'the text; "-" reads stdin (or --file)')
    .option('--file <path>', 'read the text from a file')
    .addOption(
      new Option('--top-logprobs <k>', 'alternatives per token (a token outside them has no rank)')
        .argParser(integerAtLeast(0))
        .default(5),
    )
    .addOption(reportFormatOption());
  addLocalModelOptions(command)
    .option(
      '--base-url <url>',
      'score on a remote OpenAI-compatible server with legacy /completions echo (vLLM, tokenscope serve); --model names the model',
      parseBaseUrl,
    )
    .addOption(apiKeyOption());
  addGateOptions(addOutputOptions(addThresholdOptions(command)));
  return command.action(async (arg: string | undefined, options: ScoreOptions) => {
    if (arg !== undefined && options.file !== undefined)
      throw new UsageError('give TEXT or --file FILE, not both');
    const text =
      options.file !== undefined
        ? await readText({ kind: 'file', path: options.file })
        : arg === '-'
          ? await readText({ kind: 'stream', stream: io.stdin })
          : arg;
    if (text === undefined) throw new UsageError('no text: pass TEXT, "-" for stdin, or --file FILE');
    if (text.length === 0) throw new UsageError('the text to score is empty');
    let tokens: Token[];
    let model: string;
    let vocabSize: number | undefined;
    if (options.baseUrl === undefined) {
      const engine = await openLocalModel(options, io);
      try {
        const result = await engine.score(text, { topLogprobs: options.topLogprobs });
        tokens = result.tokens;
        model = engine.info.id;
        vocabSize = engine.info.vocabSize;
      } finally {
        await engine.close();
      }
    } else {
      if (options.model === undefined)
        throw new UsageError('--base-url needs --model: the model id the remote API knows');
      tokens = await echoTokens(
        endpointOf(options.baseUrl, options, io.env),
        options.model,
        text,
        options.topLogprobs,
        { localModelHint: '--model FILE.gguf' },
      );
      model = options.model;
    }
    const completion = buildCompletion(tokens, {
      index: 0,
      distribution: 'raw',
      responseText: tokens.map((t) => t.text).join(''),
      ...(vocabSize === undefined ? {} : { vocabSize }),
    });
    const response: LogprobResponse = { format: 'openai-completions', model, completions: [completion] };
    const analysis = analyze(response, analysisOptions(options));
    // The merged tokens (split characters joined), as the report and POST /api/score count them.
    const scored = summarizeScored(model, completion.tokens, options.topLogprobs);
    if (options.format === 'json') {
      const json = { ...scored, report: toJsonReport(analysis) };
      await writeReport(
        `${JSON.stringify(json, null, options.pretty === true ? 2 : undefined)}\n`,
        options,
        io,
      );
      applyGate(analysis, options, { io, setExitCode });
      return;
    }
    if (options.format === 'ansi' && options.output === undefined) io.stdout.write(headline(scored));
    await emitReport(analysis, options, { io, setExitCode, title: `Tokenscope score: ${model}` });
  });
}

function headline(s: ScoredText): string {
  const scoredCount = s.tokens.filter((t) => t.logprob !== null).length;
  const ranks =
    s.topLogprobs > 0
      ? `; the model's own pick at ${s.topChoiceCount} of ${scoredCount} tokens, ${s.belowTopK} outside its top-${s.topLogprobs}`
      : '';
  return `${s.model} scored ${s.tokenCount} tokens: sum logprob ${s.sumLogprob.toFixed(2)}, perplexity ${s.perplexity.toFixed(2)}${ranks}\n\n`;
}
