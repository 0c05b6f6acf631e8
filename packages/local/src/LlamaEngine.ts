import { InvalidOptionError, type Token } from '@tokenscope/core';
import type { LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import type {
  ScoreContinuationsOptions,
  ScoreContinuationsResult,
  ScoringPrefix,
} from './ContinuationScores.js';
import { checkConstraintPrefix } from './constraint/checkConstraintPrefix.js';
import { createStepSampler, type SamplerConstraint } from './constraint/createStepSampler.js';
import { prepareConstraint } from './constraint/prepareConstraint.js';
import type {
  CallOptions,
  Engine,
  FinishReason,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  ScoreResult,
} from './Engine.js';
import { bareToken, stepToken } from './engine/buildTokens.js';
import { checkPromptTokens } from './engine/checkPromptTokens.js';
import { formatChat } from './engine/formatChat.js';
import type { LlamaInternals } from './engine/LlamaInternals.js';
import { OutputAssembler } from './engine/OutputAssembler.js';
import { type ResolvedRequest, resolveRequest } from './engine/resolveRequest.js';
import { type Step, StepSampler } from './engine/StepSampler.js';
import { checkContinuations, scoreContinuations } from './engine/scoreContinuations.js';
import { TaskQueue } from './engine/TaskQueue.js';
import type { Vocabulary } from './engine/Vocabulary.js';
import { GenerationAbortedError } from './errors/GenerationAbortedError.js';
import { PromptTooLongError } from './errors/PromptTooLongError.js';

/** Everything `loadEngine` prepared. */
export interface LlamaEngineParts {
  info: ModelInfo;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  internals: LlamaInternals;
  vocabulary: Vocabulary;
}

/** Default `maxTokens` for text and token prompts (OpenAI's completions default). */
const DEFAULT_TEXT_MAX_TOKENS = 16;

/**
 * A GGUF model in this process, generating with real per-token logprobs (see `StepSampler` for how
 * the values are read and `OutputAssembler` for text, stop strings and streaming).
 *
 * One context sequence serves every call, one call at a time (calls queue). The KV cache keeps the
 * last prompt: a prompt that starts the same way is evaluated only from where it differs.
 *
 * Token pieces are what llama.cpp's `token_to_piece` gives: a SentencePiece model's first word keeps
 * the space the tokenizer added (`▁Once` reads ` Once`), and control tokens (BOS) have no text.
 */
export class LlamaEngine implements Engine {
  readonly info: ModelInfo;
  private readonly parts: LlamaEngineParts;
  private readonly bos: number | null;
  private readonly queue = new TaskQueue();

  constructor(parts: LlamaEngineParts) {
    this.parts = parts;
    this.info = parts.info;
    const { tokens } = parts.model;
    this.bos = tokens.bos !== null && tokens.shouldPrependBosToken ? tokens.bos : null;
  }

  async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
    const resolved = resolveRequest(request, this.parts.vocabulary.size);
    const prefix = checkConstraintPrefix(request, this.parts.vocabulary.size);
    const constraint =
      request.constraint === undefined
        ? undefined
        : {
            prepared: await prepareConstraint(
              this.parts.model.llama,
              request.constraint,
              resolved.distribution,
              (text) => this.parts.vocabulary.assertTokenizable(text),
            ),
            prefix,
            describe: (id: number) => JSON.stringify(this.parts.vocabulary.alternative(id).text),
          };
    return this.queue.run(this.info.id, options.signal, 'generation', () =>
      this.runGeneration(request.prompt, resolved, options, constraint),
    );
  }

  async score(
    text: string,
    options: { topLogprobs?: number; signal?: AbortSignal } = {},
  ): Promise<ScoreResult> {
    const resolved = resolveRequest(
      { prompt: text, topLogprobs: options.topLogprobs ?? 0, temperature: 0 },
      this.parts.vocabulary.size,
    );
    return this.queue.run(this.info.id, options.signal, 'scoring', () =>
      this.runScore(text, resolved, options.signal),
    );
  }

  async scoreContinuations(
    prefix: ScoringPrefix,
    continuations: string[],
    options: ScoreContinuationsOptions = {},
  ): Promise<ScoreContinuationsResult> {
    const checked = checkContinuations(continuations);
    const resolved = resolveRequest(
      { prompt: '', topLogprobs: options.topLogprobs ?? 0, temperature: 0 },
      this.parts.vocabulary.size,
    );
    const parts = {
      ...this.parts,
      contextSize: this.info.contextSize,
      hasChatTemplate: this.info.hasChatTemplate,
      bos: this.bos,
    };
    return this.queue.run(this.info.id, options.signal, 'scoring', () =>
      scoreContinuations(parts, prefix, checked, resolved, options.signal),
    );
  }

  async tokenize(text: string): Promise<number[]> {
    return this.textPromptTokens(text);
  }

  async close(): Promise<void> {
    await this.queue.close(async () => {
      await this.parts.context.dispose();
      await this.parts.model.dispose();
    });
  }

  /** A text prompt's tokens: BOS (when the model adds one), then the text with special tokens parsed. */
  private textPromptTokens(text: string): number[] {
    this.parts.vocabulary.assertTokenizable(text);
    const tokens: number[] = this.parts.model.tokenize(text, true);
    if (this.bos !== null && tokens[0] !== this.bos) tokens.unshift(this.bos);
    return tokens;
  }

  private async runGeneration(
    prompt: GenerateRequest['prompt'],
    request: ResolvedRequest,
    options: CallOptions,
    constraint?: SamplerConstraint,
  ): Promise<GenerateResult> {
    const { vocabulary, internals, model } = this.parts;
    let promptTokens: number[];
    let promptText: string;
    let stops = request.stop;
    let chatTemplate: GenerateResult['chatTemplate'];
    if (typeof prompt === 'string') {
      promptTokens = this.textPromptTokens(prompt);
      promptText = prompt;
    } else if (prompt !== null && typeof prompt === 'object' && 'tokens' in prompt) {
      promptTokens = checkPromptTokens(prompt.tokens, vocabulary.size);
      promptText = model.detokenize(promptTokens as unknown as Parameters<LlamaModel['detokenize']>[0], true);
    } else {
      if (!Array.isArray(prompt?.messages) || prompt.messages.length === 0) {
        throw new InvalidOptionError(
          'prompt',
          'expected a string, { messages } with at least one message, or { tokens }',
        );
      }
      for (const message of prompt.messages) vocabulary.assertTokenizable(message.content);
      const chat = formatChat(model, prompt.messages, {
        hasTemplate: this.info.hasChatTemplate,
        bos: this.bos,
      });
      promptTokens = chat.tokens;
      promptText = chat.text;
      stops = [...stops, ...chat.stops];
      chatTemplate = chat.template;
    }
    const contextSize = this.info.contextSize;
    const count = promptTokens.length;
    if (count === 0)
      throw new InvalidOptionError('prompt', 'expected a non-empty prompt (this model adds no BOS token)');
    if (count > contextSize - 1) throw new PromptTooLongError(count, contextSize - 1, contextSize);
    const defaultMax = chatTemplate === undefined ? DEFAULT_TEXT_MAX_TOKENS : contextSize;
    const limit = Math.min(request.maxTokens ?? defaultMax, contextSize - count);
    const kept = await this.prepareSequence(promptTokens, !request.echo);
    const holdsEog = request.ignoreEos || request.minTokens > 0;
    if (holdsEog && constraint) {
      throw new InvalidOptionError(
        request.ignoreEos ? 'ignoreEos' : 'minTokens',
        'cannot be used with a constraint: a constrained answer ends when its choices, schema or grammar are complete',
      );
    }
    const sampler = createStepSampler(internals, request, vocabulary.size, model, constraint);
    if (holdsEog && sampler instanceof StepSampler) sampler.ban(vocabulary.eogIds());
    const assembler = new OutputAssembler(stops, options.onToken);
    const signal = options.signal;
    let promptOut: Token[] | undefined;
    let generated = 0;
    let finishReason: FinishReason = 'length';
    try {
      const toEvaluate = promptTokens.slice(kept);
      const logits: boolean[] = new Array(toEvaluate.length).fill(request.echo);
      logits[toEvaluate.length - 1] = limit > 0;
      const last = toEvaluate.length - 1;
      const results = await internals.decode(toEvaluate, logits, (index, tokenIndex) =>
        tokenIndex < last ? sampler.measure(index, promptTokens[tokenIndex + 1]!) : sampler.sample(index),
      );
      if (request.echo) {
        promptOut = promptTokens.map((id, i) =>
          i === 0 ? bareToken(id, vocabulary) : stepToken(results[i - 1] as Step, vocabulary),
        );
      }
      let step = limit > 0 ? (results[last] as Step) : undefined;
      while (step !== undefined) {
        if (vocabulary.isEog(step.token)) {
          finishReason = 'stop';
          break;
        }
        generated++;
        if (assembler.push(stepToken(step, vocabulary))) {
          finishReason = 'stop';
          break;
        }
        if (generated >= limit) break;
        if (
          holdsEog &&
          !request.ignoreEos &&
          generated >= request.minTokens &&
          sampler instanceof StepSampler
        )
          sampler.ban(null);
        if (signal?.aborted) throw new GenerationAbortedError('generation', signal.reason);
        const next = await internals.decode([step.token], [true], (index) => sampler.sample(index));
        step = next[0] as Step;
      }
    } finally {
      sampler.dispose();
    }
    if (signal?.aborted) throw new GenerationAbortedError('generation', signal.reason);
    const output = assembler.finish();
    const result: GenerateResult = {
      text: output.text,
      tokens: output.tokens,
      finishReason,
      distribution: request.distribution,
      usage: { promptTokens: count, completionTokens: generated },
      promptText,
      promptTokenIds: promptTokens.slice(),
    };
    if (promptOut) result.prompt = promptOut;
    if (chatTemplate) result.chatTemplate = chatTemplate;
    if (constraint) {
      // The whole constrained output: the accepted prefix (a branch's answer so far), then the text.
      const prefix = constraint.prefix.map((id) => vocabulary.piece(id).text).join('');
      const completeness = constraint.prepared.completeness(prefix + output.text, finishReason === 'length');
      result.constraint = { ...constraint.prepared.info, ...completeness };
    }
    return result;
  }

  private async runScore(text: string, request: ResolvedRequest, signal?: AbortSignal): Promise<ScoreResult> {
    const { vocabulary, internals, model } = this.parts;
    vocabulary.assertTokenizable(text);
    const textTokens: number[] = model.tokenize(text, false);
    const all = this.bos === null ? textTokens : [this.bos, ...textTokens];
    const contextSize = this.info.contextSize;
    if (all.length > contextSize - 1) throw new PromptTooLongError(all.length, contextSize - 1, contextSize);
    const offset = all.length - textTokens.length;
    let results: unknown[] = [];
    if (all.length > 1) {
      await this.prepareSequence(all, false);
      const sampler = new StepSampler(internals, request, vocabulary.size);
      try {
        const logits: boolean[] = new Array(all.length).fill(true);
        logits[all.length - 1] = false;
        results = await internals.decode(all, logits, (index, tokenIndex) =>
          sampler.measure(index, all[tokenIndex + 1]!),
        );
      } finally {
        sampler.dispose();
      }
    }
    if (signal?.aborted) throw new GenerationAbortedError('scoring', signal.reason);
    let sumLogprob = 0;
    let known = 0;
    const tokens = textTokens.map((id, j) => {
      const step = results[j + offset - 1] as Step | undefined;
      if (step === undefined) return bareToken(id, vocabulary);
      if (step.logprob !== null) {
        sumLogprob += step.logprob;
        known++;
      }
      return stepToken(step, vocabulary);
    });
    return { tokens, sumLogprob, perplexity: known === 0 ? 1 : Math.exp(-sumLogprob / known) };
  }

  /**
   * Makes the sequence hold the longest cached prefix of `tokens` that can be kept (never the last
   * token: its logits are needed) and returns its length. `keepPrefix: false` starts from empty
   * (prompt logprobs need logits for every position).
   */
  private async prepareSequence(tokens: readonly number[], keepPrefix: boolean): Promise<number> {
    const { sequence } = this.parts;
    let common = 0;
    if (keepPrefix) {
      const current = sequence.contextTokens;
      const max = Math.min(current.length, tokens.length - 1);
      while (common < max && current[common] === tokens[common]) common++;
    }
    if (common === 0) {
      if (sequence.nextTokenIndex > 0) await sequence.clearHistory();
    } else if (sequence.nextTokenIndex > common) {
      await sequence.eraseContextTokenRanges([{ start: common, end: sequence.nextTokenIndex }]);
    }
    return common;
  }
}
