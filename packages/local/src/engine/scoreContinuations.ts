/**
 * Exact scoring of several continuations after one shared prefix, on one context sequence: the
 * prefix is evaluated once and stays in the KV cache; each continuation evaluates only its own
 * tokens (plus the last shared prefix token, whose logits the previous continuation overwrote) and
 * is erased again (`eraseContextTokenRanges`) before the next one.
 *
 * Tokenization boundary: `prefix + continuation` is tokenized as a whole and split at the first
 * token where it differs from the prefix's own tokens (`L`). Usually `L` is the prefix length (a
 * clean boundary). When the continuation changes how the end of the prefix tokenizes (a merge
 * across the boundary), the tokens from `L` on are scored and the logprobs of the prefix's own
 * tokens from `L` on are subtracted, so the result is always
 * `log P(prefix + continuation) − log P(prefix)`, each text under its own tokenization.
 */
import { InvalidOptionError } from '@tokenscope/core';
import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import type { ContinuationScore, ScoreContinuationsResult, ScoringPrefix } from '../ContinuationScores.js';
import { GenerationAbortedError } from '../errors/GenerationAbortedError.js';
import { PromptTooLongError } from '../errors/PromptTooLongError.js';
import { bareToken, stepToken } from './buildTokens.js';
import { checkPromptTokens } from './checkPromptTokens.js';
import { formatChat } from './formatChat.js';
import type { LlamaInternals } from './LlamaInternals.js';
import type { ResolvedRequest } from './resolveRequest.js';
import { type Step, StepSampler } from './StepSampler.js';
import type { Vocabulary } from './Vocabulary.js';

/** What the scorer needs of the engine. */
export interface ContinuationScorerParts {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  internals: LlamaInternals;
  vocabulary: Vocabulary;
  contextSize: number;
  hasChatTemplate: boolean;
  /** The BOS token the model prepends, or null. */
  bos: number | null;
}

type Detokenize = LlamaModel['detokenize'];

/** Checks the continuations: a non-empty array of non-empty strings. */
export function checkContinuations(continuations: unknown): string[] {
  if (!Array.isArray(continuations) || continuations.length === 0) {
    throw new InvalidOptionError('continuations', 'expected a non-empty array of strings');
  }
  continuations.forEach((c, i) => {
    if (typeof c !== 'string' || c.length === 0) {
      throw new InvalidOptionError(
        'continuations',
        `expected non-empty strings, got ${JSON.stringify(c)} at index ${i}`,
      );
    }
  });
  return continuations as string[];
}

/** The prefix's tokens and the text a continuation is appended to. */
function resolvePrefix(
  parts: ContinuationScorerParts,
  prefix: ScoringPrefix,
): { tokens: number[]; text: string } {
  const { model, vocabulary } = parts;
  if (typeof prefix === 'string') return { tokens: textTokens(parts, prefix), text: prefix };
  if (prefix !== null && typeof prefix === 'object' && 'tokens' in prefix) {
    const tokens = checkPromptTokens(prefix.tokens, vocabulary.size);
    return { tokens, text: model.detokenize(tokens as unknown as Parameters<Detokenize>[0], true) };
  }
  if (!Array.isArray(prefix?.messages) || prefix.messages.length === 0) {
    throw new InvalidOptionError(
      'prefix',
      'expected a string, { messages } with at least one message, or { tokens }',
    );
  }
  for (const message of prefix.messages) vocabulary.assertTokenizable(message.content);
  const chat = formatChat(model, prefix.messages, { hasTemplate: parts.hasChatTemplate, bos: parts.bos });
  return { tokens: chat.tokens, text: chat.text };
}

/** A text's tokens as a text prompt reads them: special tokens parsed, BOS prepended. */
function textTokens(parts: ContinuationScorerParts, text: string): number[] {
  parts.vocabulary.assertTokenizable(text);
  const tokens: number[] = parts.model.tokenize(text, true);
  if (parts.bos !== null && tokens[0] !== parts.bos) tokens.unshift(parts.bos);
  return tokens;
}

function commonLength(a: readonly number[], b: readonly number[]): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a[i] === b[i]) i++;
  return i;
}

/** Keeps the longest cached run of `tokens` no longer than `max`; returns its length. */
async function keepCached(
  sequence: LlamaContextSequence,
  tokens: readonly number[],
  max: number,
): Promise<number> {
  const kept = Math.min(commonLength(sequence.contextTokens, tokens), max);
  if (kept === 0) {
    if (sequence.nextTokenIndex > 0) await sequence.clearHistory();
  } else if (sequence.nextTokenIndex > kept) {
    await sequence.eraseContextTokenRanges([{ start: kept, end: sequence.nextTokenIndex }]);
  }
  return kept;
}

async function eraseFrom(sequence: LlamaContextSequence, start: number): Promise<void> {
  if (sequence.nextTokenIndex <= start) return;
  if (start === 0) await sequence.clearHistory();
  else await sequence.eraseContextTokenRanges([{ start, end: sequence.nextTokenIndex }]);
}

/**
 * Evaluates `tokens[from..to)` on the sequence (which holds `tokens[0..from)`), reading at every
 * position `p >= measureFrom` the logprob of `tokens[p + 1]`. Returns the steps by token index
 * (`steps[j]`: the step that measured token j).
 */
async function evaluate(
  internals: LlamaInternals,
  sampler: StepSampler,
  tokens: readonly number[],
  range: { from: number; to: number; measureFrom: number },
): Promise<Array<Step | undefined>> {
  const { from, to, measureFrom } = range;
  const steps: Array<Step | undefined> = new Array(tokens.length);
  if (to <= from) return steps;
  const batch = tokens.slice(from, to);
  const last = tokens.length - 1;
  const logits = batch.map((_, i) => from + i >= measureFrom && from + i < last);
  const results = await internals.decode(batch, logits, (index, tokenIndex) =>
    sampler.measure(index, tokens[from + tokenIndex + 1]!),
  );
  results.forEach((step, i) => {
    if (step !== undefined) steps[from + i + 1] = step as Step;
  });
  return steps;
}

/** Scores every continuation after the prefix (see the file comment). Runs inside the engine's queue. */
export async function scoreContinuations(
  parts: ContinuationScorerParts,
  prefix: ScoringPrefix,
  continuations: readonly string[],
  request: ResolvedRequest,
  signal?: AbortSignal,
): Promise<ScoreContinuationsResult> {
  const { sequence, internals, vocabulary, contextSize } = parts;
  const resolved = resolvePrefix(parts, prefix);
  const prefixTokens = resolved.tokens;
  const n = prefixTokens.length;
  const limit = contextSize - 1;
  if (n > limit) throw new PromptTooLongError(n, limit, contextSize);
  // Token and chat prefixes: the text's own tokenization may differ from the given tokens, so the
  // continuation's part (and how many end tokens it replaces) is read off the text and put after
  // the given tokens.
  const reference = typeof prefix === 'string' ? prefixTokens : textTokens(parts, resolved.text);
  const wholes = continuations.map((c) => {
    const whole = textTokens(parts, resolved.text + c);
    if (reference === prefixTokens) return whole;
    const split = commonLength(whole, reference);
    const replaced = Math.min(n, reference.length - split);
    return prefixTokens.slice(0, n - replaced).concat(whole.slice(split));
  });
  const longest = Math.max(...wholes.map((w) => w.length));
  if (longest > limit) throw new PromptTooLongError(longest, limit, contextSize);
  // Shared length per continuation, and the position every continuation's evaluation starts from.
  const shared = wholes.map((w) => Math.min(commonLength(w, prefixTokens), n));
  const base = Math.max(0, Math.min(...shared.map((l) => l - 1)));
  const merged = shared.some((l) => l < n);

  const sampler = new StepSampler(internals, request, vocabulary.size);
  const scores: ContinuationScore[] = [];
  let evaluatedTokens = 0;
  try {
    // The prefix, once: up to its last token (whose logits each continuation needs fresh). With a
    // merged boundary, the prefix's own logprobs from `base` on are read for the subtraction.
    const kept = await keepCached(sequence, prefixTokens, base);
    const prefixSteps = await evaluate(internals, sampler, prefixTokens, {
      from: kept,
      to: Math.max(kept, n - 1),
      measureFrom: merged ? base : n,
    });
    evaluatedTokens += Math.max(0, n - 1 - kept);
    // Merged: back to the part every continuation shares (clean: `base` is already n - 1).
    await eraseFrom(sequence, base);
    for (const [c, text] of continuations.entries()) {
      if (signal?.aborted) throw new GenerationAbortedError('scoring', signal.reason);
      const whole = wholes[c]!;
      const split = shared[c]!;
      const steps = await evaluate(internals, sampler, whole, {
        from: base,
        to: whole.length,
        measureFrom: Math.max(0, split - 1),
      });
      evaluatedTokens += whole.length - base;
      await eraseFrom(sequence, base);
      const tokens = whole.slice(split).map((id, i) => {
        const step = steps[split + i];
        return step === undefined ? bareToken(id, vocabulary) : stepToken(step, vocabulary);
      });
      let sum = 0;
      for (const token of tokens) sum += token.logprob ?? 0;
      for (let j = split; j < n; j++) sum -= prefixSteps[j]?.logprob ?? 0;
      scores.push({
        text,
        tokens,
        sumLogprob: sum,
        meanLogprob: tokens.length === 0 ? 0 : sum / tokens.length,
        tokenCount: tokens.length,
        boundary: { kind: split < n ? 'merged' : 'clean', prefixTokensReplaced: n - split },
      });
    }
  } finally {
    sampler.dispose();
  }
  if (signal?.aborted) throw new GenerationAbortedError('scoring', signal.reason);
  return { prefixTokenCount: n, continuations: scores, evaluatedTokens };
}
