import type { ConstraintAnalysis } from '@tokenscope/core';
import {
  CONSTRAINT_COLUMNS,
  CONSTRAINT_TITLE,
  constraintCells,
  constraintHeadline,
  constraintSummaryItems,
  forbiddenAlternatives,
  formatProbability,
  quoteText,
  visibleWhitespace,
} from '@tokenscope/core';

export interface ConstraintPanelProps {
  constraint: ConstraintAnalysis;
  /** Focus token `index` in the text. */
  onJump: (index: number) => void;
}

/**
 * A constrained run's table: per token, the probability among the allowed tokens beside the raw one
 * (what the model wanted), the mass the constraint removed, and the raw alternatives it forbade.
 */
export function ConstraintPanel({ constraint: c, onJump }: ConstraintPanelProps) {
  return (
    <section class="xr-constraint" aria-labelledby="xr-constraint-title" data-testid="xray-constraint">
      <h3 id="xr-constraint-title">{CONSTRAINT_TITLE}</h3>
      <p class="xr-muted">
        <b>{constraintHeadline(c)}</b> · {constraintSummaryItems(c, quoteText).join(' · ')}
      </p>
      <div class="xr-constraint-wrap">
        <table class="xr-tip-table xr-constraint-table">
          <thead>
            <tr>
              {CONSTRAINT_COLUMNS.map((h, i) => (
                <th key={h} class={i >= 2 && i <= 4 ? 'xr-num' : ''}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.tokens.map((t) => {
              const [allowed, raw, removed] = constraintCells(t);
              return (
                <tr key={t.index} class={t.topForbidden ? 'xr-forbidden-top' : ''}>
                  <td class="xr-num">
                    <button type="button" class="xr-linkbtn" onClick={() => onJump(t.index)}>
                      {t.index}
                    </button>
                  </td>
                  <td class="xr-mono">{visibleWhitespace(t.text)}</td>
                  <td class="xr-num">{allowed}</td>
                  <td class="xr-num">{raw}</td>
                  <td class="xr-num">{removed}</td>
                  <td class="xr-mono xr-muted">
                    {forbiddenAlternatives(t, 3)
                      .map((a) => `${visibleWhitespace(a.text)} ${formatProbability(a.prob, 'n/a')}`)
                      .join(' · ') || '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="xr-note">
        The colours show the raw distribution (what the model wanted); "p allowed" is the same value
        renormalised over the tokens the constraint allowed. A high allowed p after a large removed mass means
        the constraint, not the model, made the choice. Logprobs measure confidence, not truth.
      </p>
    </section>
  );
}
