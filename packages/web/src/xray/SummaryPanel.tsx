import type { Analysis } from '@tokenscope/core';
import {
  BANDS,
  bandClass,
  CLUE_MARKERS,
  CLUES,
  DISCLAIMER,
  formatLogprob,
  formatNumber,
  formatProbability,
  gate,
  quoteText,
} from '@tokenscope/core';
import { Fragment, type JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { SentenceVerdictBadge } from './SentenceVerdictBadge.js';
import { useGateThresholds } from './useGateThresholds.js';

export interface SummaryPanelProps {
  analysis: Analysis;
  /** Go to (focus) a token. */
  onJump: (index: number) => void;
  compact: boolean;
}

/** Lists longer than this show their first entries and a "show all" button (keeps 10,000-token runs quick). */
const LIST_LIMIT = 40;

/** Perplexity, mean logprob, min p, bands, flagged spans, critical facts and sentence verdicts. */
export function SummaryPanel({ analysis: a, onJump, compact }: SummaryPanelProps) {
  const s = a.summary;
  const [gateThresholds] = useGateThresholds();
  const gated = useMemo(() => gate(a, gateThresholds), [a, gateThresholds]);
  const stats: Array<[string, string]> = [
    ['tokens', String(s.tokens)],
    ['perplexity', formatNumber(s.perplexity, 3)],
    ['mean logprob', formatLogprob(s.meanLogprob)],
    ['min p', formatProbability(s.minProb)],
    ['flagged tokens', String(s.flaggedTokens)],
  ];
  return (
    <section class="xr-summary" aria-label="Summary" data-testid="xray-summary">
      <h2>Summary</h2>
      <div class="xr-stats">
        {stats.map(([k, v]) => (
          <div class="xr-stat" key={k}>
            <b>{v}</b>
            <span>{k}</span>
          </div>
        ))}
      </div>
      {s.minProbIndex !== null && (
        <p class="xr-note">
          Lowest p at{' '}
          <button type="button" class="xr-link" onClick={() => onJump(s.minProbIndex!)}>
            {quoteText(a.tokens[s.minProbIndex]?.text ?? '')} (#{s.minProbIndex})
          </button>
          {s.flaggedTokens > 0 &&
            ` · ${CLUES.filter((c) => s.clueCounts[c] > 0)
              .map((c) => `${CLUE_MARKERS[c].glyph} ${CLUE_MARKERS[c].label} ${s.clueCounts[c]}`)
              .join(' · ')}`}
        </p>
      )}
      <BandBar analysis={a} />
      <p class="xr-disclaimer">{DISCLAIMER}</p>
      <h3>Flagged spans ({a.spans.length})</h3>
      <Capped
        items={a.spans}
        empty="No low-confidence spans."
        render={(sp) => (
          <li>
            <button type="button" class="xr-link" onClick={() => onJump(sp.weakest)}>
              {quoteText(sp.text)}
            </button>{' '}
            <span class="xr-muted">
              min p {formatProbability(sp.minProb)} · {sp.clues.map((c) => CLUE_MARKERS[c].label).join(', ')}
            </span>
          </li>
        )}
      />
      <h3>Critical facts ({a.facts.length})</h3>
      <Capped
        items={a.facts}
        empty="No names, numbers, amounts, dates, titles, URLs, e-mails or code found."
        render={(f) => (
          <li>
            <span class="xr-kind">{f.kind}</span>{' '}
            <button type="button" class="xr-link" onClick={() => onJump(f.start)}>
              {quoteText(f.text)}
            </button>{' '}
            <span class="xr-muted">
              min p {formatProbability(f.minProb)} · mean logprob {formatLogprob(f.meanLogprob)}
              {f.flagged ? ' · flagged' : ''}
            </span>
          </li>
        )}
      />
      {!compact || a.sentences.length > 0 ? (
        <>
          <h3>Sentences ({a.sentences.length})</h3>
          <p class="xr-note">
            Verdicts are the confidence gate's (mean logprob: publish above {gateThresholds.publish}, review
            below {gateThresholds.review}, in between review when a critical fact is low-confidence): they
            read the model's confidence, not whether a sentence is true.
          </p>
          <Capped
            items={gated.sentences}
            empty="No sentences yet."
            render={(se) => (
              <li class="xr-sentence">
                <SentenceVerdictBadge sentence={se} thresholds={gated.thresholds} />{' '}
                <span class="xr-num xr-muted">{formatLogprob(se.meanLogprob)}</span>{' '}
                <button type="button" class="xr-link" onClick={() => onJump(se.start)}>
                  {quoteText(se.text.trim())}
                </button>
              </li>
            )}
          />
        </>
      ) : null}
    </section>
  );
}

function BandBar({ analysis: a }: { analysis: Analysis }) {
  const total = Math.max(1, a.summary.tokens);
  return (
    <div class="xr-bandbar-wrap">
      <div class="xr-bandbar" role="img" aria-label="Tokens per band">
        {BANDS.map((b) =>
          a.summary.bandCounts[b] > 0 ? (
            <span
              key={b}
              class={`xr-${bandClass(b)}`}
              style={{ width: `${(100 * a.summary.bandCounts[b]) / total}%` }}
            />
          ) : null,
        )}
      </div>
      <ul class="xr-bandlist">
        {BANDS.map((b) => (
          <li key={b}>
            <span class={`xr-sw xr-${bandClass(b)}`}>{b}</span> {a.summary.bandCounts[b]} (
            {formatProbability(a.summary.bandCounts[b] / total).replace(' %', '%')})
          </li>
        ))}
      </ul>
    </div>
  );
}

function Capped<T>({
  items,
  render,
  empty,
}: {
  items: readonly T[];
  render: (item: T) => JSX.Element;
  empty: string;
}) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return <p class="xr-muted">{empty}</p>;
  const shown = all ? items : items.slice(0, LIST_LIMIT);
  return (
    <>
      <ol class="xr-list">
        {shown.map((item, i) => (
          <Fragment key={i}>{render(item)}</Fragment>
        ))}
      </ol>
      {items.length > shown.length && (
        <button type="button" class="xr-link" onClick={() => setAll(true)}>
          Show all {items.length}
        </button>
      )}
    </>
  );
}
