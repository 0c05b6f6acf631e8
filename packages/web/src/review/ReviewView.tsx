import { DISCLAIMER, formatLogprob, type ReviewQueue, type RunReview } from '@tokenscope/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { Notice } from '../app/Notice';
import { routeHash } from '../app/route';
import { SentenceVerdictBadge } from '../xray/SentenceVerdictBadge';
import { useGateThresholds } from '../xray/useGateThresholds';
import { GateThresholdControls } from './GateThresholdControls';
import { ReviewActions } from './ReviewActions';
import { describeFacts, queueHeadline } from './reviewText';
import './review.css';

const SCANS = [50, 100, 200] as const;

/**
 * `#/review`: the sentences of the newest runs that the confidence gate sends to a human and that
 * nobody decided yet, each with Approve / Reject / Edit. A decision stays shown here until the queue
 * is reloaded (then the sentence leaves it).
 */
export function ReviewView({ api }: { api: ApiClient }) {
  const [thresholds, setThresholds] = useGateThresholds();
  const [scan, setScan] = useState<number>(SCANS[0]);
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decided, setDecided] = useState<Record<string, RunReview>>({});
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .reviewQueue({ limit: scan, ...thresholds }, controller.signal)
      .then((q) => {
        setQueue(q);
        setDecided({});
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [api, scan, thresholds.publish, thresholds.review, reloads]);

  const onDecide = useCallback(
    async (runId: string, decision: Parameters<ApiClient['review']>[1]) => {
      const saved = await api.review(runId, decision);
      setDecided((d) => ({ ...d, [`${runId}:${saved.sentence}`]: saved }));
    },
    [api],
  );

  return (
    <section class="card rv" aria-labelledby="review-title" data-testid="review-view">
      <div class="card-head">
        <h2 id="review-title">Review queue</h2>
        <span class="header-spacer" />
        <label class="rv-scan">
          <span class="muted">Scan the newest</span>{' '}
          <select value={scan} onChange={(e) => setScan(Number(e.currentTarget.value))}>
            {SCANS.map((n) => (
              <option key={n} value={n}>
                {n} runs
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="btn btn-small" onClick={() => setReloads((n) => n + 1)}>
          Reload
        </button>
      </div>
      <div class="card-body">
        <p class="rv-disclaimer">
          The gate reads each sentence's mean token logprob: {DISCLAIMER} A sentence sent to review is one the
          model was unsure of, not one known to be wrong; a confident sentence can still be false.
        </p>
        <GateThresholdControls value={thresholds} onChange={setThresholds} />
        {error ? (
          <Notice kind="error" title="Could not load the review queue">
            {error}
          </Notice>
        ) : queue === null ? (
          <p class="muted" aria-busy="true">
            Loading the review queue…
          </p>
        ) : (
          <>
            <p class="rv-headline" role="status">
              {queueHeadline(queue.pending, queue.runs.length, queue.scanned, queue.totalRuns)}
            </p>
            {queue.runs.map((run) => (
              <article class="rv-run" key={run.runId} data-run-id={run.runId}>
                <h3>
                  <a href={routeHash({ name: 'run', id: run.runId })}>{run.title}</a>{' '}
                  <span class="muted rv-run-meta">
                    {run.model} · {new Date(run.createdAt).toLocaleString()} · {run.decided} of{' '}
                    {run.sentences} sentences decided
                  </span>
                </h3>
                <ol class="rv-sentences">
                  {run.pending.map((s) => {
                    const done = decided[`${run.runId}:${s.index}`];
                    return (
                      <li
                        key={s.index}
                        class={`rv-sentence${done ? ' rv-done' : ''}`}
                        data-sentence={s.index}
                      >
                        <div class="rv-line">
                          <SentenceVerdictBadge
                            sentence={{ verdict: 'review', meanLogprob: s.meanLogprob, reason: s.reason }}
                            thresholds={queue.thresholds}
                          />
                          <span class="rv-num" title="mean token logprob">
                            {formatLogprob(s.meanLogprob)}
                          </span>
                          <q class="rv-text">{s.text}</q>
                        </div>
                        <p class="rv-reason muted">{s.reason}</p>
                        {s.lowConfidenceFacts.length > 0 ? (
                          <p class="rv-facts">Low-confidence facts: {describeFacts(s.lowConfidenceFacts)}</p>
                        ) : null}
                        <ReviewActions
                          sentence={s}
                          current={done}
                          onDecide={(decision) => onDecide(run.runId, decision)}
                        />
                      </li>
                    );
                  })}
                </ol>
              </article>
            ))}
          </>
        )}
      </div>
    </section>
  );
}
