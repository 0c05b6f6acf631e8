import { RANKINGS, type RankingName, type RerankResponse } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import type { ComposeField } from '../compose/composeForm';
import type { ToolViewProps } from './ClassifyView';
import {
  logprobCell,
  nextSort,
  type RerankColumn,
  type RerankSort,
  sortCandidates,
  toRerankBody,
} from './rerankTable';
import { ToolCard } from './ToolCard';
import { toolTarget } from './toolTarget';
import { useToolRequest } from './useToolRequest';
import './tools.css';

const SCORE_LABEL: Record<RankingName, string> = { total: 'total', mean: 'mean', normalized: 'normalised' };

/**
 * `#/rerank`: each candidate's total, mean and length-normalised logprob given the prompt, and its rank
 * under each; the table sorts by any column.
 */
export function RerankView({ api, status, form, onForm }: ToolViewProps) {
  const [prompt, setPrompt] = useState('');
  const [candidates, setCandidates] = useState('');
  const [alpha, setAlpha] = useState('0.6');
  const [error, setError] = useState<string | null>(null);
  const [targetErrors, setTargetErrors] = useState<Partial<Record<ComposeField, string>>>({});
  const [sort, setSort] = useState<RerankSort>({ column: 'normalized', direction: 'desc' });
  const request = useToolRequest<RerankResponse>();

  const submit = () => {
    const target = toolTarget(form);
    setTargetErrors(target.ok ? {} : target.errors);
    const check = toRerankBody(
      prompt,
      candidates,
      alpha,
      target.ok ? target.target : { kind: 'local', model: '' },
    );
    setError(check.ok ? null : check.error);
    if (!target.ok || !check.ok) return;
    void request.run((signal) => api.rerank(check.body, signal));
  };

  return (
    <>
      <ToolCard
        id="rerank"
        title="Rerank"
        intro="How likely is each candidate as the continuation of the prompt? Longer candidates collect more negative logprob, so the table ranks by the total, the mean per token and a length-normalised score (total / tokens^alpha)."
        status={status}
        form={form}
        onForm={onForm}
        targetErrors={targetErrors}
        busy={request.busy}
        submitLabel="Rerank"
        onSubmit={submit}
      >
        <label class="field">
          <span>Prompt</span>
          <textarea
            class="input"
            rows={3}
            placeholder="Once upon a time, there was a little"
            value={prompt}
            data-testid="rerank-prompt"
            onInput={(e) => setPrompt(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Candidates, one per line (each follows the prompt after a space)</span>
          <textarea
            class="input"
            rows={4}
            placeholder={'girl\ndog named Max\nxylophone'}
            value={candidates}
            data-testid="rerank-candidates"
            onInput={(e) => setCandidates(e.currentTarget.value)}
          />
        </label>
        <div class="tool-row">
          <label class="field">
            <span>Alpha</span>
            <input
              class="input"
              inputMode="decimal"
              value={alpha}
              onInput={(e) => setAlpha(e.currentTarget.value)}
            />
          </label>
          <span class="field-note">0: the total · 1: the mean · default 0.6</span>
        </div>
        {error ? <span class="field-error">{error}</span> : null}
      </ToolCard>
      {request.error ? (
        <p class="field-error" role="alert" data-testid="rerank-error">
          {request.error}
        </p>
      ) : null}
      {request.result ? (
        <RerankResult result={request.result} sort={sort} onSort={(c) => setSort(nextSort(sort, c))} />
      ) : null}
    </>
  );
}

function RerankResult({
  result,
  sort,
  onSort,
}: {
  result: RerankResponse;
  sort: RerankSort;
  onSort: (column: RerankColumn) => void;
}) {
  const rows = sortCandidates(result.candidates, sort);
  const header = (column: RerankColumn, label: string, num = false) => (
    <th
      class={num ? 'num' : ''}
      aria-sort={sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" onClick={() => onSort(column)}>
        {label}
      </button>
    </th>
  );
  const best = (name: RankingName) => result.candidates[result.rankings[name][0]!]!.text;
  return (
    <section class="card tool-result" aria-labelledby="rerank-result-title" data-testid="rerank-result">
      <div class="card-head">
        <h2 id="rerank-result-title">Ranking</h2>
        <span class="muted">
          {result.model} · alpha {result.alpha} · {result.lengthPenalty} length penalty
        </span>
      </div>
      <div class="card-body">
        <p class="tool-headline">
          {result.agree
            ? `All three scores put “${best('normalized')}” first.`
            : `The scores disagree: ${RANKINGS.map((r) => `${SCORE_LABEL[r]} → “${best(r)}”`).join(', ')}.`}
        </p>
        <div class="tool-table-wrap">
          <table class="tool-table" data-testid="rerank-table">
            <thead>
              <tr>
                {header('index', '#', true)}
                {header('text', 'candidate')}
                {header('tokenCount', 'tokens', true)}
                {RANKINGS.map((r) => header(r, `${SCORE_LABEL[r]} logprob`, true))}
                {RANKINGS.map((r) => (
                  <th key={r} class="num">
                    rank ({SCORE_LABEL[r]})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.index} data-testid="rerank-row">
                  <td class="num">{c.index + 1}</td>
                  <td>{c.text}</td>
                  <td class="num">{c.tokenCount}</td>
                  <td class="num">{logprobCell(c.sumLogprob)}</td>
                  <td class="num">{logprobCell(c.meanLogprob)}</td>
                  <td class="num">{logprobCell(c.normalizedLogprob)}</td>
                  {RANKINGS.map((r) => (
                    <td key={r} class={`num${c.rank[r] === 1 ? ' rank-1' : ''}`} data-rank={r}>
                      {c.rank[r]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="tool-notes">
          Natural-log values given the prompt; higher (closer to 0) is more likely. A likely candidate is one
          the model expects, not one that is correct: logprobs measure confidence, not truth.
        </p>
      </div>
    </section>
  );
}
