/**
 * `tokenscope rerank --prompt P CANDIDATES...`: each candidate's total, mean and length-normalised
 * logprob given the prompt, and the ranking under each (seed 001). Local models score every
 * candidate exactly after one shared prefix evaluation; remote APIs through legacy completions with
 * `echo` (one request per candidate).
 */
import {
  type CandidateScore,
  DEFAULT_ALPHA,
  type LengthPenalty,
  labelContinuation,
  renderRerankText,
  rerank,
} from '@tokenscope/core';
import { echoContinuationScore } from '@tokenscope/providers';
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors/UsageError.js';
import type { CliIo } from '../io/CliIo.js';
import { readText } from '../io/readText.js';
import { addLocalModelOptions, type LocalModelOptions, openLocalModel } from '../models/openLocalModel.js';
import { formatOption } from '../options/formatOption.js';
import { apiKeyOption, endpointOf, parseBaseUrl } from '../options/remoteOptions.js';

/** Formats of `rerank --format`. */
export const RERANK_FORMATS = ['text', 'json'] as const;

interface RerankOptions extends LocalModelOptions {
  prompt: string;
  candidatesFile?: string;
  alpha: number;
  lengthPenalty: LengthPenalty;
  space: boolean;
  format: (typeof RERANK_FORMATS)[number];
  pretty?: boolean;
  baseUrl?: string;
  apiKey?: string;
}

function parseAlpha(text: string): number {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 2)) throw new InvalidArgumentError(`Expected a number in 0..2, got ${text}.`);
  return value;
}

export function rerankCommand(io: CliIo): Command {
  const command = new Command('rerank')
    .description('Rank candidate answers by their logprob given a prompt: total, mean and length-normalised.')
    .argument('[candidates...]', 'the candidates (or --candidates-file)')
    .requiredOption('--prompt <text>', 'the prompt the candidates continue')
    .option('--candidates-file <file>', 'candidates, one per line')
    .addOption(
      new Option('--alpha <a>', 'length normalisation: total / length^alpha (0: total, 1: mean)')
        .argParser(parseAlpha)
        .default(DEFAULT_ALPHA),
    )
    .addOption(
      new Option('--length-penalty <kind>', 'power: len^alpha; gnmt: ((5 + len) / 6)^alpha (Wu et al. 2016)')
        .choices(['power', 'gnmt'])
        .default('power'),
    )
    .option('--no-space', 'do not put a space between the prompt and each candidate')
    .addOption(formatOption(RERANK_FORMATS, { default: 'text' }))
    .option('--pretty', 'json: indent the output');
  addLocalModelOptions(command)
    .option(
      '--base-url <url>',
      'score on a remote OpenAI-compatible server with legacy /completions echo (vLLM, tokenscope serve); --model names the model',
      parseBaseUrl,
    )
    .addOption(apiKeyOption());
  return command.action(async (given: string[], options: RerankOptions) => {
    const candidates = await readCandidates(given, options);
    const continuations = candidates.map((c) => labelContinuation(c, options.space));
    let scores: CandidateScore[];
    let model: string;
    if (options.baseUrl === undefined) {
      const engine = await openLocalModel(options, io);
      try {
        const scored = await engine.scoreContinuations(options.prompt, continuations);
        scores = scored.continuations.map((c, i) => ({
          text: candidates[i]!,
          sumLogprob: c.sumLogprob,
          tokenCount: c.tokenCount,
        }));
        model = engine.info.id;
      } finally {
        await engine.close();
      }
    } else {
      if (options.model === undefined)
        throw new UsageError('--base-url needs --model: the model id the remote API knows');
      if (options.prompt.length === 0)
        throw new UsageError(
          '--prompt must not be empty with --base-url (the first echoed token has no logprob)',
        );
      const endpoint = endpointOf(options.baseUrl, options, io.env);
      scores = [];
      for (const [i, c] of continuations.entries()) {
        const s = await echoContinuationScore(endpoint, options.model, options.prompt, c, {
          localModelHint: '--model FILE.gguf',
        });
        scores.push({ text: candidates[i]!, sumLogprob: s.sumLogprob, tokenCount: s.tokenCount });
      }
      model = options.model;
    }
    const result = rerank(scores, { alpha: options.alpha, lengthPenalty: options.lengthPenalty });
    io.stdout.write(
      options.format === 'json'
        ? `${JSON.stringify({ model, prompt: options.prompt, ...result }, null, options.pretty === true ? 2 : undefined)}\n`
        : renderRerankText(result, {
            title: `${model}: log P(candidate | prompt), best first by the normalised score`,
          }),
    );
  });
}

async function readCandidates(given: string[], options: RerankOptions): Promise<string[]> {
  if (given.length > 0 && options.candidatesFile !== undefined) {
    throw new UsageError('give the candidates as arguments or with --candidates-file, not both');
  }
  const list =
    options.candidatesFile === undefined
      ? given
      : (await readText({ kind: 'file', path: options.candidatesFile }))
          .split('\n')
          .filter((l) => l.trim() !== '');
  if (list.length === 0)
    throw new UsageError('no candidates: pass them as arguments or with --candidates-file FILE');
  const blank = list.findIndex((c) => c.trim() === '');
  if (blank !== -1) throw new UsageError(`candidate ${blank + 1} is empty`);
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c)) throw new UsageError(`candidate ${JSON.stringify(c)} is given twice`);
    seen.add(c);
  }
  return list;
}
