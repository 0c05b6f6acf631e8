import {
  type Classification,
  type ClassifyBody,
  DEFAULT_CLASSIFY_TEMPLATE,
  DEFAULT_MIN_MARGIN,
  formatLogprob,
  formatRawProbability,
  type RunTarget,
} from '@tokenscope/core';
import { percent } from './toolTarget';

/** The classify view's fields, as typed. */
export interface ClassifyForm {
  text: string;
  labels: string[];
  template: string;
  minMargin: string;
}

export type ClassifyField = 'text' | 'labels' | 'template' | 'minMargin';

export function emptyClassifyForm(): ClassifyForm {
  return {
    text: '',
    labels: ['billing', 'bug report', 'feature request'],
    template: DEFAULT_CLASSIFY_TEMPLATE,
    minMargin: String(DEFAULT_MIN_MARGIN),
  };
}

/** Checks the form and builds the `POST /api/classify` body, or says what to fix per field. */
export function toClassifyBody(
  form: ClassifyForm,
  target: RunTarget,
): { ok: true; body: ClassifyBody } | { ok: false; errors: Partial<Record<ClassifyField, string>> } {
  const errors: Partial<Record<ClassifyField, string>> = {};
  if (form.text.trim() === '') errors.text = 'Write the text to classify.';
  const labels = form.labels.map((l) => l.trim()).filter((l) => l !== '');
  if (labels.length < 2) errors.labels = 'Give at least two labels (one label always gets 100 %).';
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice !== undefined) errors.labels = `The label “${twice}” is given twice.`;
  if (!form.template.includes('{text}')) errors.template = 'The template needs {text} where the text goes.';
  const margin = form.minMargin.trim() === '' ? DEFAULT_MIN_MARGIN : Number(form.minMargin);
  if (!(margin >= 0 && margin <= 1)) errors.minMargin = 'Min margin is a probability from 0 to 1.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: ClassifyBody = { target, text: form.text, labels, minMargin: margin };
  if (form.template !== DEFAULT_CLASSIFY_TEMPLATE) body.template = form.template;
  return { ok: true, body };
}

/** One bar of the result. */
export interface LabelBar {
  label: string;
  /** Share of the labels, 0..1 (the bar's width). */
  probability: number;
  percent: string;
  /** The label's own probability given the prompt, before normalising. */
  raw: string;
  logprob: string;
  status: string;
  top: boolean;
}

/** The bars of a classification, most probable first. */
export function labelBars(c: Classification): LabelBar[] {
  return [...c.labels]
    .sort((a, b) => b.probability - a.probability)
    .map((l) => ({
      label: l.label,
      probability: l.probability,
      percent: percent(l.probability),
      raw: formatRawProbability(l.rawProbability),
      logprob: formatLogprob(l.logprob, 'n/a'),
      status:
        l.status === 'exact'
          ? `exact · ${l.tokenCount ?? '?'} token${l.tokenCount === 1 ? '' : 's'}`
          : l.status === 'in-top-k'
            ? 'first token in the top-k'
            : l.status === 'below-top-k'
              ? `below the top-k (at most ${percent(l.bounds.upper)})`
              : l.status === 'sampled'
                ? `${l.samples ?? 0} of ${c.sampling?.samples.length ?? '?'} sampled answers`
                : `shares its first token with ${l.sharesFirstTokenWith?.join(', ') ?? 'another label'}`,
      top: l.label === c.top,
    }));
}

/** The decision in words: the label, or abstain (route to a human) with why. */
export function decisionText(c: Classification): string {
  return c.abstain
    ? `Abstain: route to a human. The top two (${c.top}, ${c.runnerUp}) are ${percent(c.margin)} apart, under the min margin of ${percent(c.minMargin)}.`
    : `${c.top}, by a margin of ${percent(c.margin)} over ${c.runnerUp} (min margin ${percent(c.minMargin)}).`;
}
