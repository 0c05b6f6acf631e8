import type { ScoreResponse, Thresholds } from '@tokenscope/core';
import { formatNumber } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import { navigate } from '../app/useHashRoute';
import type { ComposeField } from '../compose/composeForm';
import { XRay } from '../xray/XRay';
import type { ToolViewProps } from './ClassifyView';
import { ToolCard } from './ToolCard';
import { toolTarget } from './toolTarget';
import { useToolRequest } from './useToolRequest';
import './tools.css';

export interface ScoreViewProps extends ToolViewProps {
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
  /** A scored text was saved as a run (the history refreshes). */
  onSaved: () => void;
}

/** The headline of a score: tokens, sum, perplexity, how often the text says what the model would. */
export function scoreHeadline(s: ScoreResponse): string {
  const scored = s.response.completions[0]?.tokens.filter((t) => t.logprob !== null).length ?? 0;
  const ranks =
    s.topLogprobs > 0
      ? ` · the model's own pick at ${s.topChoiceCount} of ${scored} tokens, ${s.belowTopK} outside its top-${s.topLogprobs}`
      : '';
  return `${s.tokenCount} tokens · sum logprob ${formatNumber(s.sumLogprob, 2)} · perplexity ${formatNumber(s.perplexity, 2)}${ranks}`;
}

/**
 * `#/score`: paste text the model did not write and see its X-ray under the model: every token's
 * probability and rank, the perplexity; "Save to history" keeps it as a run.
 */
export function ScoreView(props: ScoreViewProps) {
  const { api, status, form, onForm } = props;
  const [text, setText] = useState('');
  const [top, setTop] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const [targetErrors, setTargetErrors] = useState<Partial<Record<ComposeField, string>>>({});
  const request = useToolRequest<ScoreResponse>();
  const saving = useToolRequest<ScoreResponse>();

  const body = () => {
    const target = toolTarget(form);
    setTargetErrors(target.ok ? {} : target.errors);
    const k = Number(top);
    const problem =
      text.trim() === ''
        ? 'Paste the text to score.'
        : !(Number.isInteger(k) && k >= 0 && k <= 20)
          ? 'Alternatives per token: a whole number from 0 to 20.'
          : null;
    setError(problem);
    return target.ok && problem === null ? { target: target.target, text, topLogprobs: k } : null;
  };
  const submit = () => {
    const b = body();
    if (b) {
      saving.clear();
      void request.run((signal) => api.score(b, signal));
    }
  };
  const save = async () => {
    const b = body();
    if (!b) return;
    const saved = await saving.run((signal) => api.score({ ...b, save: true }, signal));
    if (saved?.run) props.onSaved();
  };
  const result = request.result;
  const savedRun = saving.result?.run;

  return (
    <>
      <ToolCard
        id="score"
        title="Score text"
        intro="Paste text the model did not write: every token gets the probability the model gives it after the text before it, and its rank among the alternatives. Surprising tokens show where the text departs from what the model expects."
        status={status}
        form={form}
        onForm={onForm}
        targetErrors={targetErrors}
        busy={request.busy}
        submitLabel="Score"
        onSubmit={submit}
      >
        <label class="field">
          <span>Text</span>
          <textarea
            class="input"
            rows={5}
            placeholder="Lily saw a big red ball in the park."
            value={text}
            data-testid="score-text"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <div class="tool-row">
          <label class="field">
            <span>Alternatives</span>
            <input
              class="input"
              inputMode="numeric"
              value={top}
              onInput={(e) => setTop(e.currentTarget.value)}
            />
          </label>
          <span class="field-note">per token (0 to 20); a token outside them has no rank</span>
        </div>
        {error ? <span class="field-error">{error}</span> : null}
      </ToolCard>
      {request.error ? (
        <p class="field-error" role="alert" data-testid="score-error">
          {request.error}
        </p>
      ) : null}
      {result ? (
        <section class="card tool-result" aria-labelledby="score-result-title" data-testid="score-result">
          <div class="card-head">
            <h2 id="score-result-title">X-ray of the text</h2>
            <span class="muted">{result.model}</span>
            <span class="header-spacer" />
            {savedRun ? (
              <button
                type="button"
                class="btn btn-small"
                onClick={() => navigate({ name: 'run', id: savedRun.id })}
              >
                Open the saved run
              </button>
            ) : (
              <button
                type="button"
                class="btn btn-small"
                disabled={saving.busy}
                data-testid="score-save"
                onClick={() => void save()}
              >
                {saving.busy ? 'Saving…' : 'Save to history'}
              </button>
            )}
          </div>
          <div class="card-body">
            <p class="tool-headline" data-testid="score-headline">
              {scoreHeadline(result)}
            </p>
            {saving.error ? <p class="field-error">{saving.error}</p> : null}
            <XRay
              response={result.response}
              streaming={false}
              thresholds={props.thresholds}
              onThresholdsChange={props.onThresholdsChange}
            />
            <p class="tool-notes">
              Perplexity is how surprised the model is on average (1 = never). Text the model finds likely is
              text it would write, not text that is true: logprobs measure confidence, not truth.
            </p>
          </div>
        </section>
      ) : null}
    </>
  );
}
