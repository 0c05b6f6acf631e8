/**
 * The two ways `tokenscope classify` scores labels: exactly on a local model (every label continuation
 * after one shared prefix evaluation) or from a remote API's first-token top logprobs.
 */
import {
  buildClassifyPrompt,
  type Classification,
  classifyExact,
  classifyFromTopLogprobs,
  labelContinuation,
  NoLogprobsError,
} from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import { type EndpointOptions, getAdapter, type ProviderId } from '@tokenscope/providers';

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
      const response = await adapter.complete(
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
