import { FORMAT_IDS, type FormatId, type RunRecord } from '@tokenscope/core';
import { useCallback, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';

/** An import in progress or failed (the file is kept to retry it with a named format). */
export interface ImportState {
  file: File;
  from?: FormatId;
  error?: string;
}

/** Imports a saved response (`POST /api/import`); a failure stays visible with a retry as a named format. */
export function useImport(api: ApiClient, onImported: (run: RunRecord) => void) {
  const [state, setState] = useState<ImportState | null>(null);
  const importFile = useCallback(
    (file: File, from?: FormatId) => {
      const base = { file, ...(from ? { from } : {}) };
      setState(base);
      api
        .importRun(file.name, file, from)
        .then((run) => {
          setState(null);
          onImported(run);
        })
        .catch((e: unknown) => setState({ ...base, error: e instanceof Error ? e.message : String(e) }));
    },
    [api, onImported],
  );
  return { state, importFile, dismiss: useCallback(() => setState(null), []) };
}

export interface ImportNoticeProps {
  state: ImportState;
  onRetry: (file: File, from: FormatId) => void;
  onDismiss: () => void;
}

/** "Importing x…", or why it failed with a way to name the format and try again. */
export function ImportNotice({ state, onRetry, onDismiss }: ImportNoticeProps) {
  const [from, setFrom] = useState<FormatId>(state.from ?? 'openai-chat');
  if (!state.error) {
    return (
      <div class="notice" role="status">
        <span class="spinner" aria-hidden="true" />
        <div class="notice-body">
          Importing {state.file.name}
          {state.from ? ` as ${state.from}` : ''}: reading the response and analysing it…
        </div>
      </div>
    );
  }
  return (
    <div class="notice notice-error" role="alert">
      <div class="notice-body">
        <div class="notice-title">Could not import {state.file.name}</div>
        <p>{state.error}</p>
        <form
          class="import-retry"
          onSubmit={(e) => {
            e.preventDefault();
            onRetry(state.file, from);
          }}
        >
          <label for="import-format">Read it as</label>
          <select
            id="import-format"
            class="input"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value as FormatId)}
          >
            {FORMAT_IDS.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
          <button type="submit" class="btn btn-small">
            Try again
          </button>
        </form>
      </div>
      <button type="button" class="btn btn-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
