import { controlNote, endingNotes, formatProbability } from '@tokenscope/core';
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { ConfidenceCharts } from '../charts/ConfidenceCharts.js';
import { useColorScheme } from '../charts/useColorScheme.js';
import { Explorer } from '../explore/Explorer.js';
import { ConstraintPanel } from './ConstraintPanel.js';
import { constraintOf } from './constraintTip.js';
import { Legend } from './Legend.js';
import { SummaryPanel } from './SummaryPanel.js';
import { tokenElement } from './TokenChunk.js';
import { TokenText } from './TokenText.js';
import { TokenTooltip } from './TokenTooltip.js';
import { spanParts } from './tokenMarkers.js';
import { useFrameAnalysis } from './useFrameAnalysis.js';
import { useStickToBottom } from './useStickToBottom.js';
import { useTokenNavigation } from './useTokenNavigation.js';
import type { XRayProps } from './XRayProps.js';
import './xray.css';
import { installXrayStyle } from './xrayStyle.js';

if (typeof document !== 'undefined') installXrayStyle(document);

/**
 * The X-ray of one answer: tokens coloured by absolute band with clue markers, the legend and live
 * thresholds, tooltips (pin, keys), the linked charts, the summary and the distribution explorer.
 */
export function XRay(props: XRayProps) {
  const { response, streaming, thresholds, compact = false } = props;
  const index = props.completionIndex ?? 0;
  const state = useFrameAnalysis(response, index, thresholds, streaming);
  const analysis = state.analysis;
  const tokens = analysis?.tokens ?? [];
  const flagged = useMemo(() => tokens.filter((t) => t.flagged).map((t) => t.index), [tokens]);
  const spans = useMemo(() => spanParts(tokens.length, analysis?.spans ?? []), [tokens, analysis]);
  const box = useRef<HTMLDivElement>(null);
  const [exploreAt, setExploreAt] = useState<number | null>(null);
  const [showSpaces, setShowSpaces] = useState(false);
  const nav = useTokenNavigation(tokens.length, flagged, box, compact ? null : setExploreAt);
  const scheme = useColorScheme();
  const tipId = `${useId()}-tip`;
  const onScroll = useStickToBottom(box, tokens.length, streaming);
  const shown = nav.shownIndex === null ? undefined : tokens[nav.shownIndex];
  const anchor = nav.shownIndex === null ? undefined : tokenElement(box.current, nav.shownIndex);
  const exploreToken = exploreAt === null ? undefined : tokens[exploreAt];
  const constraint = useMemo(
    () => constraintOf(response.completions[index], tokens.length),
    [response.completions[index], tokens],
  );

  if (!analysis) {
    return (
      <div class="xr-root" data-testid="xray">
        <p class="xr-error" role="alert">
          {state.error}
        </p>
      </div>
    );
  }
  if (tokens.length === 0) {
    // Nothing to describe or chart yet: no "unknown model · 0 tokens" line and no empty chart.
    return (
      <div class="xr-root" data-testid="xray" data-streaming={streaming ? 'true' : 'false'}>
        <p class="xr-empty-state" role="status">
          {streaming ? 'Waiting for the first token…' : 'This answer has no tokens.'}
        </p>
      </div>
    );
  }
  const src = analysis.source;
  const meta = [
    src.model ?? 'unknown model',
    src.format,
    `${src.distribution} distribution`,
    src.topK ? `top-${src.topK}` : 'no alternatives',
    `${analysis.summary.tokens} tokens${controlNote(analysis.summary)}`,
  ].join(' · ');
  // How the answer ended, when that matters (cut off, incomplete under its constraint): not while streaming.
  const endings = streaming ? [] : endingNotes(analysis);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys from the focusable tokens and panels inside bubble up here
    <div
      class={`xr-root${compact ? ' xr-compact' : ''}`}
      data-testid="xray"
      data-streaming={streaming ? 'true' : 'false'}
      onKeyDown={nav.onKeyDown}
    >
      {/* Compact (compare) columns share one legend, shown above them by the page. */}
      {!compact && (
        <Legend thresholds={thresholds} onThresholdsChange={props.onThresholdsChange} compact={false} />
      )}
      <div class="xr-layout">
        <div class="xr-main">
          <div class="xr-textbar">
            <span class="xr-muted">{meta}</span>
            {streaming && (
              <span class="xr-live" role="status">
                streaming…
              </span>
            )}
            <label class="xr-toggle">
              <input
                type="checkbox"
                checked={showSpaces}
                onChange={(e) => setShowSpaces((e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              show spaces
            </label>
          </div>
          {endings.map((n) => (
            <p key={n.kind} class="xr-ending" role="status" data-testid="xray-ending" data-ending={n.kind}>
              <b>{n.title}:</b> {n.text}
            </p>
          ))}
          <TokenText
            tokens={tokens}
            spans={spans}
            focusIndex={nav.focusIndex}
            activeIndex={nav.shownIndex}
            linkedIndex={nav.linkedIndex}
            pinnedIndex={nav.pinnedIndex}
            showSpaces={showSpaces}
            tipId={tipId}
            containerRef={box}
            onMouseOver={nav.onMouseOver}
            onMouseLeave={nav.onMouseLeave}
            onClick={nav.onClick}
            onFocusIn={nav.onFocusIn}
            onFocusOut={nav.onFocusOut}
            onScroll={onScroll}
          />
          {!compact && (
            <p class="xr-note xr-keys">
              Hover or focus a token (<kbd>Tab</kbd>) for its alternatives; click or <kbd>Space</kbd> pins,{' '}
              <kbd>Esc</kbd> unpins; <kbd>n</kbd>/<kbd>p</kbd> (or <kbd>j</kbd>/<kbd>k</kbd>) jump between the{' '}
              {flagged.length} flagged tokens; arrows move; <kbd>Enter</kbd> explores the distribution.
              {analysis.summary.minProb !== null &&
                ` Lowest p: ${formatProbability(analysis.summary.minProb)}.`}
            </p>
          )}
          {!compact && exploreToken && (
            <Explorer
              key={exploreToken.index}
              token={exploreToken}
              kind={src.distribution}
              {...(props.params ? { params: props.params } : {})}
              {...(props.loadDistribution ? { loadDistribution: props.loadDistribution } : {})}
              {...(props.onBranch ? { onBranch: props.onBranch } : {})}
              onClose={() => {
                setExploreAt(null);
                nav.goTo(exploreToken.index);
              }}
            />
          )}
          {!compact && constraint && <ConstraintPanel constraint={constraint} onJump={(i) => nav.goTo(i)} />}
          {!compact && (
            <ConfidenceCharts
              analysis={analysis}
              streaming={streaming}
              scheme={scheme}
              activeIndex={nav.shownIndex}
              focusIndex={nav.followIndex}
              onHover={nav.link}
              onSelect={(i) => nav.goTo(i, true)}
            />
          )}
        </div>
        <aside class="xr-side">
          <SummaryPanel analysis={analysis} onJump={(i) => nav.goTo(i)} compact={compact} />
        </aside>
      </div>
      {shown && anchor && (
        <TokenTooltip
          id={tipId}
          token={shown}
          anchor={anchor}
          pinned={nav.pinnedIndex === shown.index}
          onUnpin={nav.unpin}
          constrained={constraint?.tokens.find((c) => c.index === shown.index)}
          {...(compact ? {} : { onExplore: () => setExploreAt(shown.index) })}
        />
      )}
    </div>
  );
}
