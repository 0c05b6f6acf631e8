import type { ComponentChildren } from 'preact';

export interface NoticeProps {
  kind: 'error' | 'warn' | 'info';
  title: string;
  children?: ComponentChildren;
  action?: { label: string; onClick: () => void };
}

/** An inline message: what happened and what to do. Errors are announced to screen readers. */
export function Notice({ kind, title, children, action }: NoticeProps) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div class="notice-body">
        <div class="notice-title">{title}</div>
        {children ? <p>{children}</p> : null}
      </div>
      {action ? (
        <button type="button" class="btn btn-small" onClick={action.onClick}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
