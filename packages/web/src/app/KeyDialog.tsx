import { useEffect, useRef, useState } from 'preact/hooks';

export interface KeyRequest {
  title: string;
  message: string;
  /** Prefilled value (a key already typed in this page). */
  initial?: string;
  resolve: (key: string | null) => void;
}

/** A modal that asks for an API key: resolves the key ('' when left empty) or null when cancelled. */
export function KeyDialog({ request }: { request: KeyRequest | null }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request) {
      setValue(request.initial ?? '');
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) {
      dialog.close();
    }
  }, [request]);
  const finish = (key: string | null) => request?.resolve(key);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="key-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        finish(null);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          finish(value.trim());
        }}
      >
        <h2 id="key-dialog-title">{request?.title}</h2>
        <p class="muted" style={{ marginTop: 0 }}>
          {request?.message}
        </p>
        <label class="field">
          <span>API key</span>
          <input
            type="password"
            autocomplete="off"
            aria-describedby="key-dialog-note"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <p class="field-note" id="key-dialog-note">
          Kept in this page's memory only: never saved, never put in the URL.
        </p>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary">
            Use key
          </button>
        </div>
      </form>
    </dialog>
  );
}
