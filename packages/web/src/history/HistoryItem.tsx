import { bandOf, type RunListItem, type Thresholds } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import { formatNumber, formatPercent, formatRelativeTime, summaryBand } from '../app/format';
import { routeHash } from '../app/route';
import { parseTags } from './parseTags';

export interface HistoryItemProps {
  run: RunListItem;
  current: boolean;
  thresholds: Thresholds;
  selected: boolean;
  /** False when the comparison is full (8 picked) and this run is not among them. */
  selectable: boolean;
  onSelect: (id: string, selected: boolean) => void;
  onRename: (id: string, title: string) => Promise<void>;
  onTags: (id: string, tags: string[]) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

type Mode = 'view' | 'rename' | 'tags' | 'delete';

const SOURCE_LABEL: Record<RunListItem['source'], string> = {
  local: 'local',
  remote: 'remote',
  import: 'import',
  proxy: 'proxy',
  branch: 'branch',
};

/** One run in the history list: open it, pick it for comparison, rename, tag or delete it. */
export function HistoryItem(props: HistoryItemProps) {
  const { run } = props;
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const band = summaryBand(run.summary, props.thresholds);
  const prob = run.summary.tokens > 0 ? Math.exp(run.summary.meanLogprob) : null;
  // Sampling agreement, when the run has a consistency result; alone for runs made from samples only.
  const agreement = run.summary.agreement;
  const samplesOnly = agreement !== undefined && run.summary.tokens === 0;

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      setMode('view');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setMode('view');
      setError(null);
    }
  };

  return (
    <li class={`history-item${props.current ? ' is-current' : ''}`} data-run-id={run.id}>
      <input
        type="checkbox"
        class="history-check"
        aria-label={`Select “${run.title}” to compare`}
        checked={props.selected}
        disabled={!props.selectable}
        title={props.selectable ? undefined : 'A comparison takes at most 8 runs'}
        onChange={(e) => props.onSelect(run.id, e.currentTarget.checked)}
      />
      <div class="history-main">
        {mode === 'rename' ? (
          <form
            class="history-edit"
            onSubmit={(e) => {
              e.preventDefault();
              const title = draft.trim();
              if (title) void act(() => props.onRename(run.id, title));
            }}
          >
            <input
              class="input"
              aria-label="New title"
              value={draft}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this field
              autoFocus
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" class="btn btn-small btn-primary">
              Save
            </button>
          </form>
        ) : (
          <a
            class="history-link"
            href={routeHash({ name: 'run', id: run.id })}
            aria-current={props.current ? 'page' : undefined}
            data-history-link=""
          >
            <span class="history-title">{run.title}</span>
            <span class="history-meta">
              <span class="history-model">{run.model}</span>
              <span aria-hidden="true">·</span>
              <time dateTime={run.createdAt} title={new Date(run.createdAt).toLocaleString()}>
                {formatRelativeTime(run.createdAt)}
              </time>
              {run.source !== 'local' ? <span class="history-source">{SOURCE_LABEL[run.source]}</span> : null}
            </span>
            {run.dataset || run.promptVersion ? (
              <span class="history-meta history-dataset" data-dataset={run.dataset ?? ''}>
                {run.dataset ? <span title="Dataset">{run.dataset}</span> : null}
                {run.dataset && run.promptVersion ? <span aria-hidden="true">·</span> : null}
                {run.promptVersion ? <span title="Prompt version">prompt {run.promptVersion}</span> : null}
              </span>
            ) : null}
          </a>
        )}
        <div class="history-row">
          {samplesOnly ? null : (
            <span
              class={`chip band-${band}`}
              title={`Perplexity ${formatNumber(run.summary.perplexity, 3)} · mean logprob ${formatNumber(run.summary.meanLogprob, 3)} (typical token p ${formatPercent(prob)}) · ${run.summary.tokens} tokens`}
            >
              <span class="visually-hidden">band {band}, </span>
              ppl {formatNumber(run.summary.perplexity, 2)}
            </span>
          )}
          {agreement !== undefined ? (
            <span
              class={`chip band-${bandOf(agreement, props.thresholds)} history-agreement`}
              title={`Sampling-based confidence: agreement of the sampled answers (${formatPercent(agreement)}). It measures how stable the answer is, not whether it is true.`}
              data-agreement={agreement}
            >
              <span class="visually-hidden">sampling agreement, </span>
              agree {formatPercent(agreement)}
            </span>
          ) : null}
          {run.verdict ? (
            <span
              class={`chip history-verdict${run.verdict === 'review' ? ' is-review' : ''}`}
              title={`Gate verdict at ${run.dataset ? "the dataset's saved thresholds (else the defaults)" : 'the default thresholds'}: ${run.verdict === 'review' ? 'the model was unsure somewhere, a human should review it' : 'confident throughout'}. Confidence, not truth.`}
              data-verdict={run.verdict}
            >
              {run.verdict}
            </span>
          ) : null}
          {run.summary.flaggedTokens > 0 ? (
            <span class="chip chip-plain" title="Flagged tokens">
              {run.summary.flaggedTokens} flagged
            </span>
          ) : null}
          {run.tags.map((t) => (
            <span key={t} class="tag">
              {t}
            </span>
          ))}
        </div>
        {mode === 'tags' ? (
          <form
            class="history-edit"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => props.onTags(run.id, parseTags(draft)));
            }}
          >
            <input
              class="input"
              aria-label="Tags, separated by commas or spaces"
              placeholder="tags, comma separated"
              value={draft}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this field
              autoFocus
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" class="btn btn-small btn-primary">
              Save
            </button>
          </form>
        ) : null}
        {mode === 'delete' ? (
          <div class="history-confirm" role="alert">
            Delete this run for good?
            <button
              type="button"
              class="btn btn-small btn-danger"
              onClick={() => void act(() => props.onDelete(run.id))}
            >
              Delete
            </button>
            <button type="button" class="btn btn-small" onClick={() => setMode('view')}>
              Keep
            </button>
          </div>
        ) : null}
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {mode === 'view' ? (
        <div class="history-actions">
          <button
            type="button"
            class="btn btn-ghost btn-small"
            aria-label={`Rename “${run.title}”`}
            title="Rename"
            onClick={() => {
              setDraft(run.title);
              setMode('rename');
            }}
          >
            ✎
          </button>
          <button
            type="button"
            class="btn btn-ghost btn-small"
            aria-label={`Edit tags of “${run.title}”`}
            title="Tags"
            onClick={() => {
              setDraft(run.tags.join(', '));
              setMode('tags');
            }}
          >
            #
          </button>
          <button
            type="button"
            class="btn btn-ghost btn-small btn-danger"
            aria-label={`Delete “${run.title}”`}
            title="Delete"
            onClick={() => setMode('delete')}
          >
            ×
          </button>
        </div>
      ) : null}
    </li>
  );
}
