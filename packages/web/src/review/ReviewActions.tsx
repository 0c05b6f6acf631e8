import type { ReviewDecision, RunReview } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import { decisionLabel } from './reviewText';

export interface ReviewActionsProps {
  sentence: { index: number; text: string; charStart: number; charEnd: number };
  /** The decision in force, if any. */
  current: RunReview | undefined;
  /** Saves a decision; rejects with the server's message. */
  onDecide: (decision: ReviewDecision) => Promise<void>;
}

/** Approve / Reject / Edit (inline editor with a note) for one sentence, and the decision in force. */
export function ReviewActions({ sentence, current, onDecide }: ReviewActionsProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: ReviewDecision['decision'], editedText?: string) => {
    setBusy(true);
    setError(null);
    try {
      const body: ReviewDecision = {
        sentence: sentence.index,
        charStart: sentence.charStart,
        charEnd: sentence.charEnd,
        text: sentence.text,
        decision,
      };
      if (editedText !== undefined) body.editedText = editedText;
      if (note.trim() !== '') body.note = note.trim();
      await onDecide(body);
      setEditing(false);
      setNote('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const openEditor = () => {
    setDraft(current?.editedText ?? sentence.text.trim());
    setNote(current?.note ?? '');
    setEditing(true);
  };

  return (
    <div class="rv-actions">
      {current ? (
        <p class={`rv-decision rv-d-${current.decision}`} data-testid="review-decision">
          <b>{decisionLabel(current.decision)}</b>
          {current.editedText !== undefined ? <> → “{current.editedText}”</> : null}
          {current.note !== undefined ? <span class="muted"> · {current.note}</span> : null}
          <span class="muted"> · {new Date(current.decidedAt).toLocaleString()}</span>
        </p>
      ) : null}
      {editing ? (
        <form
          class="rv-editor"
          onSubmit={(e) => {
            e.preventDefault();
            void decide('edited', draft);
          }}
        >
          <label class="field">
            <span>Corrected sentence</span>
            <textarea
              rows={2}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
              aria-invalid={draft.trim() === '' ? 'true' : undefined}
            />
          </label>
          <label class="field">
            <span>Note (optional)</span>
            <input
              type="text"
              value={note}
              maxLength={2000}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <div class="rv-buttons">
            <button type="submit" class="btn btn-small btn-primary" disabled={busy || draft.trim() === ''}>
              Save edit
            </button>
            <button type="button" class="btn btn-small" disabled={busy} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="rv-buttons">
          <button
            type="button"
            class="btn btn-small"
            disabled={busy}
            aria-pressed={current?.decision === 'approved'}
            onClick={() => void decide('approved')}
          >
            Approve
          </button>
          <button
            type="button"
            class="btn btn-small"
            disabled={busy}
            aria-pressed={current?.decision === 'rejected'}
            onClick={() => void decide('rejected')}
          >
            Reject
          </button>
          <button type="button" class="btn btn-small" disabled={busy} onClick={openEditor}>
            Edit…
          </button>
        </div>
      )}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
