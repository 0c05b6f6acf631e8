import {
  analyze,
  DISCLAIMER,
  findReview,
  formatLogprob,
  gate,
  type RunRecord,
  type RunReviews,
} from '@tokenscope/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { SentenceVerdictBadge } from '../xray/SentenceVerdictBadge';
import { useGateThresholds } from '../xray/useGateThresholds';
import { GateThresholdControls } from './GateThresholdControls';
import { ReviewActions } from './ReviewActions';
import { describeFacts } from './reviewText';
import './review.css';

/** Sentences listed at first, and added per "Show more" (a 10,000-token answer has over 1,000). */
export const GATE_PAGE = 100;

/**
 * A run's confidence gate: core's `gate` verdict on every sentence of its answer (analysed with the
 * default thresholds, as the CLI and the review queue do), the decisions stored with the run, and
 * Approve / Reject / Edit on each sentence.
 */
export function RunGatePanel({ api, run }: { api: ApiClient; run: RunRecord }) {
  const [thresholds, setThresholds] = useGateThresholds();
  const analysis = useMemo(
    () => (run.response.completions.length > 0 ? analyze(run.response) : null),
    [run.response],
  );
  const result = useMemo(() => (analysis ? gate(analysis, thresholds) : null), [analysis, thresholds]);
  const [reviews, setReviews] = useState<RunReviews | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyReview, setOnlyReview] = useState(false);
  const [limit, setLimit] = useState(GATE_PAGE);

  useEffect(() => {
    const controller = new AbortController();
    setReviews(null);
    setError(null);
    api
      .reviews(run.id, controller.signal)
      .then(setReviews)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [api, run.id]);
  // The decision in force per sentence index, looked up once per change of reviews (not per render).
  const decisions = useMemo(
    () => new Map((result?.sentences ?? []).map((s) => [s.index, findReview(reviews?.latest ?? [], s)])),
    [result, reviews],
  );

  if (!result) return null;
  const decided = result.sentences.filter((s) => decisions.get(s.index) !== undefined).length;
  const pending = result.sentences.filter((s) => s.verdict === 'review' && !decisions.get(s.index)).length;
  const shown = onlyReview ? result.sentences.filter((s) => s.verdict === 'review') : result.sentences;

  return (
    <section class="card rv" aria-labelledby="gate-title" data-testid="run-gate">
      <div class="card-head">
        <h2 id="gate-title">Confidence gate</h2>
        <span class={`rv-overall xr-verdict xr-v-${result.verdict}`}>{result.verdict.toUpperCase()}</span>
        <span class="muted">
          {result.counts.review} of {result.sentences.length} sentences need review · {decided} decided ·{' '}
          {pending} waiting
        </span>
        <span class="header-spacer" />
        <label class="rv-toggle">
          <input
            type="checkbox"
            checked={onlyReview}
            onChange={(e) => setOnlyReview(e.currentTarget.checked)}
          />{' '}
          Only sentences for review
        </label>
      </div>
      <div class="card-body">
        <p class="rv-disclaimer">{DISCLAIMER}</p>
        <details class="rv-settings">
          <summary>Gate thresholds</summary>
          <GateThresholdControls value={thresholds} onChange={setThresholds} />
        </details>
        {error ? (
          <p class="field-error" role="alert">
            Could not load this run's decisions: {error}
          </p>
        ) : null}
        {shown.length === 0 ? (
          <p class="muted">{onlyReview ? 'No sentence needs review.' : 'The answer has no sentences.'}</p>
        ) : (
          <ol class="rv-sentences">
            {shown.slice(0, limit).map((s) => (
              <li key={s.index} class="rv-sentence" data-sentence={s.index} data-verdict={s.verdict}>
                <div class="rv-line">
                  <SentenceVerdictBadge sentence={s} thresholds={result.thresholds} />
                  <span class="rv-num" title="mean token logprob">
                    {formatLogprob(s.meanLogprob)}
                  </span>
                  <q class="rv-text">{s.text}</q>
                </div>
                <p class="rv-reason muted">{s.reason}</p>
                {s.lowConfidenceFacts.length > 0 ? (
                  <p class="rv-facts">
                    Low-confidence facts:{' '}
                    {describeFacts(
                      s.lowConfidenceFacts.map((f) => ({
                        ...f,
                        meanLogprob: Number.isFinite(f.meanLogprob) ? f.meanLogprob : null,
                      })),
                    )}
                  </p>
                ) : null}
                {reviews ? (
                  <ReviewActions
                    sentence={s}
                    current={decisions.get(s.index)}
                    onDecide={async (decision) => {
                      await api.review(run.id, decision);
                      setReviews(await api.reviews(run.id));
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {shown.length > limit ? (
          <p class="rv-more">
            <button type="button" class="btn btn-small" onClick={() => setLimit(limit + GATE_PAGE)}>
              Show {Math.min(GATE_PAGE, shown.length - limit)} more
            </button>{' '}
            <span class="muted">
              {limit} of {shown.length} sentences shown
            </span>
          </p>
        ) : null}
      </div>
    </section>
  );
}
