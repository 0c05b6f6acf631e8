/**
 * The two ways `tokenscope classify` scores labels: exactly on a local model (every label continuation
 * after one shared prefix evaluation) or from a remote API's first-token top logprobs.
 */
import {
  buildClassifyPrompt,
  type Classification,
  classifyExact,
  classifyFromSamples,
  classifyFromTopLogprobs,
  labelContinuation,
  NoLogprobsError,
} from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import {
  completeRetryingTemperature,
  type EndpointOptions,
  getAdapter,
  LogprobsUnsupportedError,
  type ProviderId,
  type SampledAnswers,
  sampleAnswers,
} from '@tokenscope/providers';
import { fallbackNotice } from '../../consistency/fallbackNotice.js';
import { sampleLocal } from '../../consistency/sampleLocal.js';
import type { CliIo } from '../../io/CliIo.js';

/** Classifies one text; `close` frees the model. */
export interface Classifier {
  readonly model: string;
  classify(text: string, signal?: AbortSignal): Promise<Classification>;
  close(): Promise<void>;
}

/** What both classifiers share. */
export interface ClassifierSettings {
  labels: string[];
  template: string;
  /** Put a space before each label (the prompt ends before it). */
  space: boolean;
  minMargin: number;
}

/** Exact: `engine.scoreContinuations(prompt, [" billing", " bug report", ...])`. */
export function localClassifier(engine: Engine, settings: ClassifierSettings): Classifier {
  const continuations = settings.labels.map((l) => labelContinuation(l, settings.space));
  return {
    model: engine.info.id,
    async classify(text, signal) {
      const prompt = buildClassifyPrompt(settings.template, text, settings.labels);
      const scored = await engine.scoreContinuations(prompt, continuations, signal ? { signal } : {});
      return classifyExact(
        settings.labels,
        scored.continuations.map((c) => ({
          sumLogprob: c.sumLogprob,
          tokenCount: c.tokenCount,
          merged: c.boundary.kind === 'merged',
        })),
        { minMargin: settings.minMargin },
      );
    },
    close: () => engine.close(),
  };
}

/** Remote settings: where, which API, how many alternatives. */
export interface RemoteClassifierSettings extends ClassifierSettings {
  endpoint: EndpointOptions;
  provider: ProviderId;
  model: string;
  topLogprobs: number;
  ignoreCase: boolean;
}

/** First-token estimate: one token generated at temperature 0 with its top-k. */
export function remoteClassifier(settings: RemoteClassifierSettings): Classifier {
  const adapter = getAdapter(settings.provider);
  return {
    model: settings.model,
    async classify(text, signal) {
      const prompt = buildClassifyPrompt(settings.template, text, settings.labels);
      // A model that takes only its default temperature (reasoning models) is asked again without it:
      // the first token's top-k is the same distribution whatever was sampled.
      const response = await completeRetryingTemperature(
        adapter,
        settings.endpoint,
        { model: settings.model, prompt, topLogprobs: settings.topLogprobs, maxTokens: 1, temperature: 0 },
        signal ? { signal } : {},
      );
      const first = response.completions[0]?.tokens[0];
      if (first === undefined) {
        throw new NoLogprobsError(
          response.format,
          'the answer has no first token to read label probabilities from',
        );
      }
      return classifyFromTopLogprobs(settings.labels, first, {
        minMargin: settings.minMargin,
        ignoreCase: settings.ignoreCase,
      });
    },
    close: async () => {},
  };
}

/** Most tokens of a sampled answer: room for any label (the first line is compared). */
export const SAMPLED_LABEL_MAX_TOKENS = 16;

/** Samples answers to a classification prompt (the local model or a remote endpoint). */
type Sampler = (prompt: string, signal?: AbortSignal) => Promise<SampledAnswers>;

/**
 * Sampling consistency: the classification prompt answered `samples` times without logprobs at the
 * consistency temperature; a label's agreement (share of the answers that are it) is its confidence
 * (`classifyFromSamples`).
 */
export function samplingClassifier(
  model: string,
  settings: ClassifierSettings,
  sample: Sampler,
  close: () => Promise<void> = async () => {},
): Classifier {
  return {
    model,
    async classify(text, signal) {
      const prompt = buildClassifyPrompt(settings.template, text, settings.labels);
      const sampled = await sample(prompt, signal);
      return classifyFromSamples(settings.labels, sampled.samples, {
        minMargin: settings.minMargin,
        temperature: sampled.temperature,
        cost: sampled.cost,
      });
    },
    close,
  };
}

/** Samples of the local model. */
export function localSampler(engine: Engine, samples: number): Sampler {
  return (prompt, signal) =>
    sampleLocal(engine, { prompt, maxTokens: SAMPLED_LABEL_MAX_TOKENS }, samples, signal);
}

/** Samples of a remote endpoint. */
export function remoteSampler(settings: RemoteClassifierSettings, samples: number): Sampler {
  const adapter = getAdapter(settings.provider);
  return (prompt, signal) =>
    sampleAnswers(
      adapter,
      settings.endpoint,
      { model: settings.model, prompt, maxTokens: SAMPLED_LABEL_MAX_TOKENS },
      { samples, ...(signal && { signal }) },
    );
}

/**
 * The first-token classifier until the endpoint refuses or ignores logprobs, then the sampling one
 * for this text and every later one, with one line on stderr saying so and why.
 */
export function withFallback(
  primary: Classifier,
  fallback: Classifier,
  io: CliIo,
  samples: number,
): Classifier {
  let current = primary;
  return {
    model: primary.model,
    async classify(text, signal) {
      try {
        return await current.classify(text, signal);
      } catch (error) {
        if (current === fallback || !(error instanceof LogprobsUnsupportedError)) throw error;
        io.stderr.write(`tokenscope: ${fallbackNotice(error, samples).line}\n`);
        current = fallback;
        return current.classify(text, signal);
      }
    },
    close: () => current.close(),
  };
}
