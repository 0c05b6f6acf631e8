import type { ConstrainedTokenAnalysis, TokenAnalysis } from '@tokenscope/core';
import { TOOLTIP_COLUMNS, tokenTooltip } from '@tokenscope/core';
import { constraintTip } from './constraintTip.js';
import { usePlacedTooltip } from './usePlacedTooltip.js';

export interface TokenTooltipProps {
  id: string;
  token: TokenAnalysis;
  /** The token's element (the tooltip is placed next to its line). */
  anchor: HTMLElement;
  pinned: boolean;
  onUnpin: () => void;
  /** Absent: no explorer (compact view). */
  onExplore?: () => void;
  /** The token's constrained values, when the answer was generated under a constraint. */
  constrained?: ConstrainedTokenAnalysis | undefined;
}

/**
 * The top-k of one token, placed below its line (above when there is no room, never over it), kept
 * in the viewport. It follows scrolling; pinned, it takes pointer events (buttons: explore, unpin).
 */
export function TokenTooltip({
  id,
  token: t,
  anchor,
  pinned,
  onUnpin,
  onExplore,
  constrained,
}: TokenTooltipProps) {
  const box = usePlacedTooltip(anchor, { textOf: (a) => a.parentElement ?? a, linePitch: true });
  const lines = tokenTooltip(t); // what the HTML report's tooltip says too
  const tip = constrained ? constraintTip(constrained) : null;
  return (
    <div
      ref={box}
      id={id}
      role="tooltip"
      class={`xr-tip${pinned ? ' xr-tip-pinned' : ''}`}
      data-testid="xray-tooltip"
    >
      <div class="xr-tip-head">
        <code class="xr-tip-token">{lines.token}</code>
        <span class="xr-muted">
          {' '}
          {lines.where}
          {pinned ? ' · pinned' : ''}
        </span>
      </div>
      <div class="xr-tip-stats">{lines.stats.join(' · ')}</div>
      {tip ? (
        <div class="xr-tip-constraint" data-testid="xray-tip-constraint">
          <div>
            <b>Constrained:</b> {tip.allowed} · {tip.raw} · {tip.removed}
          </div>
          <div class="xr-muted">
            {tip.forbidden.length === 0
              ? 'no listed alternative was forbidden'
              : `${tip.topForbidden ? "the model's first choice was forbidden; " : ''}forbidden: ${tip.forbidden
                  .map((f) => `${f.text} ${f.prob}`)
                  .join(' · ')}`}
          </div>
        </div>
      ) : null}
      {lines.clues.length > 0 && (
        <div class="xr-tip-clues">
          {lines.clues.map((c) => (
            <span key={c.label}>
              <span class="xr-mk">{c.glyph}</span> {c.label}{' '}
            </span>
          ))}
        </div>
      )}
      {lines.rows.length > 0 ? (
        <table class="xr-tip-table">
          <thead>
            <tr>
              {TOOLTIP_COLUMNS.map((h, i) => (
                <th key={h} class={i === 1 || i === 2 ? 'xr-num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.rows.map((r, i) => (
              <tr key={i} class={r.chosen ? 'xr-chosen' : ''}>
                <td class="xr-mono">
                  {r.chosen ? '▸ ' : ''}
                  {r.text}
                </td>
                <td class="xr-num">{r.prob}</td>
                <td class="xr-num">{r.logprob}</td>
                <td class="xr-mono xr-muted">{r.bytes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div class="xr-muted">{lines.mass}</div>
      {pinned ? (
        <div class="xr-tip-actions">
          {onExplore && (
            <button type="button" onClick={onExplore}>
              Explore the distribution
            </button>
          )}
          <button type="button" onClick={onUnpin}>
            Unpin (Esc)
          </button>
        </div>
      ) : (
        <div class="xr-muted xr-tip-hint">
          Click to pin{onExplore ? ' · Enter explores the distribution' : ''}
        </div>
      )}
    </div>
  );
}
