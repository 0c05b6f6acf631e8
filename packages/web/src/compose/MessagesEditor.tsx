import type { RunRole } from '@tokenscope/core';
import type { ComposeForm } from './composeForm';

const ROLES: RunRole[] = ['system', 'user', 'assistant'];

/** The chat messages: role and text of each, add and remove. */
export function MessagesEditor({
  form,
  onChange,
}: {
  form: ComposeForm;
  onChange: (form: ComposeForm) => void;
}) {
  const set = (messages: ComposeForm['messages']) => onChange({ ...form, messages });
  return (
    <div class="messages">
      {form.messages.map((message, i) => (
        <div class="message" key={i}>
          <div class="message-head">
            <label class="visually-hidden" for={`msg-role-${i}`}>
              Role of message {i + 1}
            </label>
            <select
              id={`msg-role-${i}`}
              class="input message-role"
              value={message.role}
              onChange={(e) =>
                set(
                  form.messages.map((m, j) =>
                    j === i ? { ...m, role: e.currentTarget.value as RunRole } : m,
                  ),
                )
              }
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={`Remove message ${i + 1}`}
              disabled={form.messages.length === 1}
              onClick={() => set(form.messages.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
          <label class="visually-hidden" for={`msg-text-${i}`}>
            Message {i + 1} ({message.role})
          </label>
          <textarea
            id={`msg-text-${i}`}
            class="input"
            rows={message.role === 'system' ? 1 : 3}
            placeholder={message.role === 'system' ? 'Optional system message' : 'Write a message…'}
            value={message.content}
            onInput={(e) =>
              set(form.messages.map((m, j) => (j === i ? { ...m, content: e.currentTarget.value } : m)))
            }
          />
        </div>
      ))}
      <button
        type="button"
        class="btn btn-small"
        onClick={() => {
          const last = form.messages.at(-1)?.role;
          set([...form.messages, { role: last === 'user' ? 'assistant' : 'user', content: '' }]);
        }}
      >
        + Add message
      </button>
    </div>
  );
}
