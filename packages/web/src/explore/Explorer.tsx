import type { NextTokenDistribution, RunParams, TokenAnalysis, TopAlternative } from '@tokenscope/core';
import { formatLogprob, formatProbability, visibleWhitespace } from '@tokenscope/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import './explore.css';
import { useDistribution } from './useDistribution.js';
import { findChosen, tailSummary, whatIf } from './whatIf.js';

export interface ExplorerProps {
  token: TokenAnalysis;
  /** Which distribution the run's values describe. */
  kind: NextTokenDistribution['distribution'];
  params?: RunParams;
  loadDistribution?: (position: number, top: number | 'all') => Promise<NextTokenDistribution>;
  onBranch?: (position: number, token: TopAlternative) => void;
  onClose: () => void;
}

const FIRST_ROWS = 20;

/**
 * The next-token distribution at one position: the most likely tokens as bars, the long tail
 * summarised, a temperature / top-p what-if that reshapes it client-side (and marks the nucleus),
 * and "Branch from here" on each alternative.
 */
export function Explorer({ token, kind, params, loadDistribution, onBranch, onClose }: ExplorerProps) {
  const { distribution: dist, loading, error, loadAll } = useDistribution(token, kind, loadDistribution);
  const startFromRun = dist.distribution !== 'processed';
  const runT = startFromRun ? (params?.temperature ?? 1) : 1;
  const runP = startFromRun ? (params?.topP ?? 1) : 1;
  const [temperature, setTemperature] = useState(runT);
  const [topP, setTopP] = useState(runP);
  const [rows, setRows] = useState(FIRST_ROWS);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [token.index]);
  const result = useMemo(() => whatIf(dist.alternatives, temperature, topP), [dist, temperature, topP]);
  const chosen = findChosen(dist.alternatives, token);
  const chosenRow = chosen >= 0 ? result.rows[chosen] : undefined;
  const shown = result.rows.slice(0, rows);
  const tail = tailSummary(dist.alternatives, shown.length, dist.coveredMass);
  const max = Math.max(1e-9, ...shown.map((r) => Math.max(r.original ?? 0, r.final)));
  return (
    <section
      class="xr-explorer"
      aria-label={`Distribution before token ${token.index}`}
      data-testid="xray-explorer"
    >
      <header class="xr-explorer-head">
        <h2 ref={heading} tabIndex={-1}>
          Next-token distribution at #{token.index}{' '}
          <code class="xr-tip-token">{visibleWhitespace(token.text)}</code>
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p class="xr-note">
        {dist.source === 'engine'
          ? `Recomputed by the local model: ${dist.alternatives.length}${dist.vocabSize ? ` of ${dist.vocabSize}` : ''} tokens listed`
          : `The top-${dist.alternatives.length} stored with the run`}
        , covering {formatProbability(dist.coveredMass)} of the probability ({dist.distribution}{' '}
        distribution).
        {loading && ' Loading the whole distribution…'}
        {error && ` Could not load the distribution from the model (${error}); showing the stored top-k.`}{' '}
        {loadAll && (
          <button type="button" class="xr-link" onClick={loadAll}>
            Load all {dist.vocabSize ?? ''} tokens
          </button>
        )}
      </p>
      <fieldset class="xr-whatif">
        <legend>What-if</legend>
        <label class="xr-slider">
          <span>temperature</span>
          <input
            type="range"
            min={0}
            max={2}
            step={0.05}
            value={temperature}
            name="temperature"
            onInput={(e) => setTemperature(Number((e.currentTarget as HTMLInputElement).value))}
          />
          <output>{temperature.toFixed(2)}</output>
        </label>
        <label class="xr-slider">
          <span>top-p</span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={topP}
            name="top-p"
            onInput={(e) => setTopP(Number((e.currentTarget as HTMLInputElement).value))}
          />
          <output>{topP.toFixed(2)}</output>
        </label>
        <button
          type="button"
          disabled={temperature === runT && topP === runP}
          onClick={() => {
            setTemperature(runT);
            setTopP(runP);
          }}
        >
          Reset (T {runT}, top-p {runP})
        </button>
      </fieldset>
      <p class="xr-whatif-result" data-testid="xray-whatif">
        {chosenRow
          ? `Sampled token ${visibleWhitespace(token.text)}: ${formatProbability(chosenRow.original, 'n/a')} → ${formatProbability(chosenRow.final)} at T ${temperature.toFixed(2)}, top-p ${topP.toFixed(2)}${chosenRow.inNucleus ? '' : ' (cut by top-p)'}.`
          : `The sampled token is not among the ${dist.alternatives.length} listed tokens.`}{' '}
        {result.nucleusSize} of {dist.alternatives.length} tokens survive top-p. Reshaped over the listed
        tokens only
        {dist.coveredMass < 0.9999
          ? ` (the unlisted ${formatProbability(1 - dist.coveredMass)} is left out)`
          : ''}
        .
        {dist.distribution === 'processed' &&
          ' These values are already after the run’s sampling, so the what-if starts from T 1, top-p 1.'}
      </p>
      {/* The table scrolls sideways inside the explorer when the column is narrower than it (a phone). */}
      <div class="xr-dist-scroll">
        <table class="xr-dist">
          <thead>
            <tr>
              <th class="xr-num">#</th>
              <th>token</th>
              <th class="xr-dist-barcol">p (bar) · what-if (line)</th>
              <th class="xr-num">p</th>
              <th class="xr-num">logprob</th>
              <th class="xr-num">what-if</th>
              <th>nucleus</th>
              {onBranch && <th />}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => {
              const isChosen = i === chosen;
              return (
                <tr key={i} class={`${isChosen ? 'xr-chosen' : ''}${r.inNucleus ? '' : ' xr-cut'}`}>
                  <td class="xr-num xr-muted">{i + 1}</td>
                  <td class="xr-mono">
                    {isChosen ? '▸ ' : ''}
                    {visibleWhitespace(r.alternative.text)}
                  </td>
                  <td class="xr-dist-barcol">
                    <span class="xr-dist-bar" style={{ width: `${(100 * (r.original ?? 0)) / max}%` }} />
                    <span class="xr-dist-whatif" style={{ width: `${(100 * r.final) / max}%` }} />
                  </td>
                  <td class="xr-num">{formatProbability(r.original, 'n/a')}</td>
                  <td class="xr-num">{formatLogprob(r.alternative.logprob)}</td>
                  <td class="xr-num">{formatProbability(r.final)}</td>
                  <td>{r.inNucleus ? '✓ kept' : '✗ cut'}</td>
                  {onBranch && (
                    <td>
                      {isChosen ? (
                        <span class="xr-muted">in the answer</span>
                      ) : (
                        <button
                          type="button"
                          class="xr-branch"
                          aria-label={`Branch from here with ${visibleWhitespace(r.alternative.text)}`}
                          onClick={() => onBranch(token.index, r.alternative)}
                        >
                          Branch from here
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(tail.listed > 0 || tail.unlistedMass > 0.0005) && (
        <p class="xr-note" data-testid="xray-tail">
          {tail.listed > 0 && `${tail.listed} more tokens share ${formatProbability(tail.listedMass)}. `}
          {tail.unlistedMass > 0.0005 && `${formatProbability(tail.unlistedMass)} is in tokens not listed. `}
          {tail.listed > 0 && (
            <button type="button" class="xr-link" onClick={() => setRows(rows + 100)}>
              Show {Math.min(100, tail.listed)} more
            </button>
          )}
        </p>
      )}
    </section>
  );
}
