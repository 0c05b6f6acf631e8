import type { AppStatus, ClassifyResponse } from '@tokenscope/core';
import { consistencyLabel, formatProbability } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { FallbackNotice } from '../app/FallbackNotice';
import type { ComposeField, ComposeForm } from '../compose/composeForm';
import {
  type ClassifyField,
  type ClassifyForm,
  decisionText,
  emptyClassifyForm,
  labelBars,
  toClassifyBody,
} from './classifyForm';
import { ToolCard } from './ToolCard';
import { percent, toolTarget } from './toolTarget';
import { useToolRequest } from './useToolRequest';
import './tools.css';

export interface ToolViewProps {
  api: ApiClient;
  status: AppStatus | null;
  /** The shared model selection. */
  form: ComposeForm;
  onForm: (form: ComposeForm) => void;
}

/**
 * `#/classify`: the probability of each label as the continuation of a prompt (local models: every
 * label scored in full; remote: from the first token's top-k), the margin between the top two and
 * whether to abstain and route the text to a human.
 */
export function ClassifyView({ api, status, form, onForm }: ToolViewProps) {
  const [fields, setFields] = useState<ClassifyForm>(emptyClassifyForm);
  const [errors, setErrors] = useState<Partial<Record<ClassifyField, string>>>({});
  const [targetErrors, setTargetErrors] = useState<Partial<Record<ComposeField, string>>>({});
  const request = useToolRequest<ClassifyResponse>();

  const submit = () => {
    const target = toolTarget(form);
    setTargetErrors(target.ok ? {} : target.errors);
    const check = toClassifyBody(fields, target.ok ? target.target : { kind: 'local', model: '' });
    setErrors(check.ok ? {} : check.errors);
    if (!target.ok || !check.ok) return;
    void request.run((signal) => api.classify(check.body, signal));
  };
  const setLabel = (i: number, value: string) =>
    setFields({ ...fields, labels: fields.labels.map((l, j) => (j === i ? value : l)) });

  return (
    <>
      <ToolCard
        id="classify"
        title="Classify"
        intro="How likely is each label as the model's continuation of the prompt? The labels' probabilities are normalised to sum to 100 %; when the top two are too close, the text goes to a human."
        status={status}
        form={form}
        onForm={onForm}
        targetErrors={targetErrors}
        busy={request.busy}
        submitLabel="Classify"
        onSubmit={submit}
      >
        <label class="field">
          <span>Text</span>
          <textarea
            class="input"
            rows={4}
            placeholder="I was charged twice for my subscription this month."
            value={fields.text}
            data-testid="classify-text"
            aria-invalid={errors.text ? true : undefined}
            onInput={(e) => setFields({ ...fields, text: e.currentTarget.value })}
          />
          {errors.text ? <span class="field-error">{errors.text}</span> : null}
        </label>
        <fieldset class="labels-editor" data-testid="classify-labels">
          <legend class="field-label">Labels</legend>
          {fields.labels.map((label, i) => (
            <div class="label-row" key={i}>
              <input
                class="input"
                aria-label={`Label ${i + 1}`}
                value={label}
                onInput={(e) => setLabel(i, e.currentTarget.value)}
              />
              <button
                type="button"
                class="btn btn-ghost btn-small"
                aria-label={`Remove label ${i + 1}`}
                onClick={() => setFields({ ...fields, labels: fields.labels.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-small"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setFields({ ...fields, labels: [...fields.labels, ''] })}
          >
            Add label
          </button>
          {errors.labels ? <span class="field-error">{errors.labels}</span> : null}
        </fieldset>
        <details>
          <summary>Prompt template and margin</summary>
          <label class="field">
            <span>
              Template ({'{text}'} and {'{labels}'} are filled in; the label follows after a space)
            </span>
            <textarea
              class="input tool-mono"
              rows={4}
              value={fields.template}
              aria-invalid={errors.template ? true : undefined}
              onInput={(e) => setFields({ ...fields, template: e.currentTarget.value })}
            />
            {errors.template ? <span class="field-error">{errors.template}</span> : null}
          </label>
          <div class="tool-row">
            <label class="field">
              <span>Min margin</span>
              <input
                class="input"
                inputMode="decimal"
                value={fields.minMargin}
                aria-invalid={errors.minMargin ? true : undefined}
                onInput={(e) => setFields({ ...fields, minMargin: e.currentTarget.value })}
              />
            </label>
            <span class="field-note">Abstain when the top two labels are closer than this (0 to 1).</span>
          </div>
          {errors.minMargin ? <span class="field-error">{errors.minMargin}</span> : null}
        </details>
      </ToolCard>
      {request.error ? (
        <p class="field-error" role="alert" data-testid="classify-error">
          {request.error}
        </p>
      ) : null}
      {request.result ? <ClassifyResult result={request.result} /> : null}
    </>
  );
}

function ClassifyResult({ result }: { result: ClassifyResponse }) {
  const c = result.classification;
  const bars = labelBars(c);
  const sum = c.labels.reduce((s, l) => s + l.probability, 0);
  return (
    <section class="card tool-result" aria-labelledby="classify-result-title" data-testid="classify-result">
      <div class="card-head">
        <h2 id="classify-result-title">Result</h2>
        <span class="muted">
          {result.model} ·{' '}
          {c.method === 'exact'
            ? 'exact: every label scored in full'
            : c.method === 'sampling'
              ? 'sampling-based: share of the sampled answers'
              : 'first-token estimate'}
        </span>
      </div>
      <div class="card-body">
        {result.fallback ? <FallbackNotice message={result.fallback} /> : null}
        {c.sampling ? (
          <p class="muted" data-testid="classify-sampling">
            {consistencyLabel(c.sampling)}. Agreement measures how stable the answer is, not whether it is
            right.
          </p>
        ) : null}
        <p
          class={`decision ${c.abstain ? 'decision-abstain' : 'decision-label'}`}
          data-testid="classify-decision"
          data-abstain={c.abstain ? 'true' : 'false'}
        >
          {c.abstain ? '⚑ Abstain · route to a human' : `✓ ${c.top}`}
        </p>
        <p>{decisionText(c)}</p>
        <ol class="label-bars" aria-label="Label probabilities">
          {bars.map((b) => (
            <li key={b.label} class={`label-bar${b.top ? ' is-top' : ''}`} data-testid="classify-bar">
              <span class="label-bar-name">{b.label}</span>
              <span class="label-bar-track" aria-hidden="true">
                <span
                  class="label-bar-fill"
                  style={{ width: `${(b.probability * 100).toFixed(2)}%`, display: 'block' }}
                />
              </span>
              <span class="label-bar-pct" data-testid="classify-pct">
                {b.percent}
              </span>
              <span class="label-bar-meta">
                raw p {b.raw} · logprob {b.logprob} · {b.status}
              </span>
            </li>
          ))}
        </ol>
        <p class="muted" data-testid="classify-sum">
          Sum over the labels: {percent(sum)} · margin {percent(c.margin)} · the labels hold{' '}
          {formatProbability(c.labelMass)}{' '}
          {c.method === 'sampling' ? 'of the sampled answers' : "of the model's raw probability (raw mass)"}
          {c.unaccountedMass !== undefined
            ? ` · unaccounted (outside the top-k): ${formatProbability(c.unaccountedMass)}`
            : ''}
          {c.offLabelMass !== undefined
            ? c.method === 'sampling'
              ? ` · answers that are no label: ${formatProbability(c.offLabelMass)}`
              : ` · on first tokens that start no label: ${formatProbability(c.offLabelMass)}`
            : ''}
        </p>
        {c.notes.length > 0 ? (
          <ul class="tool-notes">
            {c.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <details>
          <summary>Prompt the labels were scored after</summary>
          <pre class="tool-mono">{result.prompt}</pre>
        </details>
        <p class="tool-notes">
          The percentages say how the model divides its belief among these labels only, not how sure it is
          that any of them is right: logprobs measure confidence, not truth.
        </p>
      </div>
    </section>
  );
}
