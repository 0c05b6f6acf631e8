import {
  type ConfidenceSignal,
  DEFAULT_SAMPLES,
  type GenerateBody,
  MAX_SAMPLES,
  MIN_SAMPLES,
  type RunParams,
  type RunRecord,
  type RunRole,
} from '@tokenscope/core';
import { type ConstraintForm, readConstraint } from './constraintForm';

/** What the compose panel holds: strings as typed, checked when a run starts. */
export interface ComposeForm {
  mode: 'chat' | 'text';
  messages: Array<{ role: RunRole; content: string }>;
  text: string;
  target: 'local' | 'remote';
  localModel: string;
  /** The remote key lives here, in memory only: never in localStorage or the URL. */
  remote: { baseURL: string; model: string; apiKey: string };
  temperature: string;
  topP: string;
  maxTokens: string;
  /** A number, or `all` (local models only). */
  topLogprobs: string;
  seed: string;
  /** "Constrain output" (local models); absent or `none`: a free answer. */
  constraint?: ConstraintForm;
  /** Where the confidence comes from: logprobs, sampling consistency, or both side by side. */
  confidence: ConfidenceSignal;
  /** Answers sampling consistency compares (also used when a remote endpoint refuses logprobs). */
  samples: string;
}

export type ComposeField =
  | 'prompt'
  | 'model'
  | 'baseURL'
  | 'temperature'
  | 'topP'
  | 'maxTokens'
  | 'topLogprobs'
  | 'seed'
  | 'constraint'
  | 'samples';

export type ComposeCheck =
  | { ok: true; body: GenerateBody }
  | { ok: false; errors: Partial<Record<ComposeField, string>> };

/** Providers cap top_logprobs (OpenAI: 20); local models can list the whole vocabulary. */
export const REMOTE_MAX_TOP_LOGPROBS = 20;

export function emptyForm(localModel = ''): ComposeForm {
  return {
    mode: 'chat',
    messages: [
      { role: 'system', content: '' },
      { role: 'user', content: '' },
    ],
    text: '',
    target: localModel ? 'local' : 'remote',
    localModel,
    remote: { baseURL: '', model: '', apiKey: '' },
    temperature: '0.8',
    topP: '0.95',
    maxTokens: '64',
    topLogprobs: '5',
    seed: '',
    confidence: 'logprobs',
    samples: String(DEFAULT_SAMPLES),
  };
}

/** Checks the form and builds the `POST /api/generate` body, or says what to fix per field. */
export function toGenerateBody(form: ComposeForm): ComposeCheck {
  const errors: Partial<Record<ComposeField, string>> = {};
  const messages = form.messages.filter((m) => m.content.trim() !== '');
  if (form.mode === 'chat' && !messages.some((m) => m.role === 'user')) {
    errors.prompt = 'Write a user message (the system message alone is not a prompt).';
  }
  if (form.mode === 'text' && form.text === '') errors.prompt = 'Write the text the model should continue.';

  let target: GenerateBody['target'] | undefined;
  if (form.target === 'local') {
    if (!form.localModel) errors.model = 'Pick a local model, or use a remote endpoint.';
    else target = { kind: 'local', model: form.localModel };
  } else {
    const baseURL = form.remote.baseURL.trim();
    if (!/^https?:\/\/[^\s/]+/i.test(baseURL)) {
      errors.baseURL =
        'Give the endpoint base URL, like https://api.openai.com/v1 or http://localhost:11434/v1.';
    }
    if (!form.remote.model.trim()) errors.model = 'Give the remote model name, like gpt-4o-mini.';
    const apiKey = form.remote.apiKey.trim();
    target = { kind: 'remote', baseURL, model: form.remote.model.trim(), ...(apiKey ? { apiKey } : {}) };
  }

  const params: RunParams = {};
  const temperature = numberField(form.temperature, 0, 2, false);
  if (temperature === 'bad') errors.temperature = 'Temperature is a number from 0 to 2.';
  else if (temperature !== undefined) params.temperature = temperature;
  const topP = numberField(form.topP, 0, 1, false);
  if (topP === 'bad' || topP === 0) errors.topP = 'top_p is a number above 0, at most 1.';
  else if (topP !== undefined) params.topP = topP;
  const maxTokens = numberField(form.maxTokens, 1, 100_000, true);
  if (maxTokens === 'bad') errors.maxTokens = 'Max tokens is a whole number from 1 to 100000.';
  else if (maxTokens !== undefined) params.maxTokens = maxTokens;
  const seed = numberField(form.seed, 0, Number.MAX_SAFE_INTEGER, true);
  if (seed === 'bad') errors.seed = 'Seed is a whole number of 0 or more (empty: random).';
  else if (seed !== undefined) params.seed = seed;
  const top = form.topLogprobs.trim().toLowerCase();
  if (top === 'all') {
    if (form.target === 'remote')
      errors.topLogprobs = `Remote endpoints list at most ${REMOTE_MAX_TOP_LOGPROBS} alternatives.`;
    else params.topLogprobs = 'all';
  } else {
    const max = form.target === 'remote' ? REMOTE_MAX_TOP_LOGPROBS : 100_000;
    const k = numberField(top, 0, max, true);
    if (k === 'bad')
      errors.topLogprobs = `Alternatives per token: a whole number from 0 to ${max}${form.target === 'local' ? ', or all' : ''}.`;
    else if (k !== undefined) params.topLogprobs = k;
  }

  let constraint: GenerateBody['constraint'];
  if (form.constraint && form.constraint.kind !== 'none') {
    const read = readConstraint(form.constraint);
    if (form.target === 'remote') errors.constraint = 'Constrained decoding runs on local models only.';
    else if (!read.ok) errors.constraint = read.error;
    else constraint = read.constraint;
  }

  if (constraint && form.confidence !== 'logprobs') {
    errors.constraint =
      'A constrained answer is one generation: choose Logprobs confidence, or no constraint.';
  }
  // Samples matter with sampling confidence, and on a remote endpoint (its fallback if it refuses logprobs).
  const sampling = form.confidence !== 'logprobs' || form.target === 'remote';
  const samples = sampling ? numberField(form.samples, MIN_SAMPLES, MAX_SAMPLES, true) : undefined;
  if (samples === 'bad') errors.samples = `Samples: a whole number from ${MIN_SAMPLES} to ${MAX_SAMPLES}.`;

  if (Object.keys(errors).length > 0 || !target) return { ok: false, errors };
  const prompt: GenerateBody['prompt'] =
    form.mode === 'chat'
      ? { kind: 'chat', messages: messages.map((m) => ({ ...m })) }
      : { kind: 'text', text: form.text };
  return {
    ok: true,
    body: {
      target,
      prompt,
      params,
      ...(constraint ? { constraint } : {}),
      ...(form.confidence !== 'logprobs' ? { confidence: form.confidence } : {}),
      ...(typeof samples === 'number' ? { samples } : {}),
    },
  };
}

/** The form filled from a saved run (to run it again with changes); the remote key is never saved, so it stays. */
export function formFromRun(run: RunRecord, current: ComposeForm): ComposeForm {
  const form: ComposeForm = { ...current, remote: { ...current.remote } };
  if (run.prompt?.kind === 'chat') {
    form.mode = 'chat';
    form.messages = run.prompt.messages.map((m) => ({ ...m }));
  } else if (run.prompt?.kind === 'text') {
    form.mode = 'text';
    form.text = run.prompt.text;
  }
  if (run.source === 'remote' && run.endpoint) {
    form.target = 'remote';
    form.remote = { ...form.remote, baseURL: run.endpoint, model: run.model };
  } else if (run.source === 'local') {
    form.target = 'local';
    form.localModel = run.model;
  }
  const p = run.params;
  const text = (v: number | string | undefined) => (v === undefined ? '' : String(v));
  form.temperature = text(p.temperature);
  form.topP = text(p.topP);
  form.maxTokens = text(p.maxTokens);
  form.topLogprobs = text(p.topLogprobs);
  form.seed = text(p.seed);
  if (run.consistency) {
    // A run made from samples only (requested, or the endpoint refused logprobs) reruns as sampling.
    form.confidence = run.response.completions.some((c) => c.tokens.length > 0) ? 'both' : 'consistency';
    form.samples = String(run.consistency.samples.length);
  } else {
    form.confidence = 'logprobs';
  }
  return form;
}

/** undefined when empty, 'bad' when not a number in [min, max] (or not whole when `integer`). */
function numberField(text: string, min: number, max: number, integer: boolean): number | 'bad' | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < min || value > max) return 'bad';
  if (integer && !Number.isInteger(value)) return 'bad';
  return value;
}
