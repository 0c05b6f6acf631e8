import type { AppStatus, GenerateBody } from '@tokenscope/core';
import { useState } from 'preact/hooks';
import { ConfidenceFields } from './ConfidenceFields';
import { ConstraintFields } from './ConstraintFields';
import { type ComposeField, type ComposeForm, toGenerateBody } from './composeForm';
import { MessagesEditor } from './MessagesEditor';
import { ModelPicker } from './ModelPicker';
import { usesFallbackTemplate } from './modeForModel';
import { ParamsFields } from './ParamsFields';

export interface ComposePanelProps {
  status: AppStatus | null;
  form: ComposeForm;
  onChange: (form: ComposeForm) => void;
  onRun: (body: GenerateBody) => void;
  streaming: boolean;
  /** Folded to one line (while a run is open); the user unfolds it. */
  collapsed: boolean;
  onToggle: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Write a prompt, pick a model and parameters, and run it. */
export function ComposePanel(props: ComposePanelProps) {
  const { form, onChange } = props;
  const [errors, setErrors] = useState<Partial<Record<ComposeField, string>>>({});

  const run = () => {
    if (props.streaming) return;
    const check = toGenerateBody(form);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    props.onRun(check.body);
  };

  const change = (next: ComposeForm) => {
    onChange(next);
    if (Object.keys(errors).length > 0) {
      const check = toGenerateBody(next);
      setErrors(check.ok ? {} : check.errors);
    }
  };

  return (
    <section class={`card compose${props.collapsed ? ' is-collapsed' : ''}`} aria-labelledby="compose-title">
      <div class="card-head">
        <h2 id="compose-title">New run</h2>
        <fieldset class="segmented">
          <legend class="visually-hidden">Prompt kind</legend>
          <button
            type="button"
            aria-pressed={form.mode === 'chat'}
            onClick={() => change({ ...form, mode: 'chat' })}
          >
            Chat
          </button>
          <button
            type="button"
            aria-pressed={form.mode === 'text'}
            onClick={() => change({ ...form, mode: 'text' })}
          >
            Raw text
          </button>
        </fieldset>
        <span class="header-spacer" />
        <button
          type="button"
          class="btn btn-ghost btn-small"
          aria-expanded={!props.collapsed}
          aria-controls="compose-body"
          onClick={props.onToggle}
        >
          {props.collapsed ? 'Show' : 'Hide'}
        </button>
      </div>
      {props.collapsed ? null : (
        <form
          id="compose-body"
          class="card-body compose-body"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              run();
            }
          }}
        >
          <div class="compose-prompt">
            {form.mode === 'chat' ? (
              <>
                <MessagesEditor form={form} onChange={change} />
                {usesFallbackTemplate(form, props.status?.models ?? []) ? (
                  <p class="field-note compose-fallback">
                    {form.localModel} has no chat template of its own: chat goes through a plain fallback
                    template (“User: … Assistant:”). Raw text usually suits such base models better.
                  </p>
                ) : null}
              </>
            ) : (
              <label class="field">
                <span>Text to continue</span>
                <textarea
                  class="input"
                  rows={5}
                  placeholder="Once upon a time"
                  value={form.text}
                  onInput={(e) => change({ ...form, text: e.currentTarget.value })}
                />
              </label>
            )}
            {errors.prompt ? (
              <p class="field-error" role="alert">
                {errors.prompt}
              </p>
            ) : null}
            <ConstraintFields
              value={form.constraint}
              local={form.target === 'local'}
              error={errors.constraint}
              onChange={(constraint) => change({ ...form, constraint })}
            />
          </div>
          <div class="compose-side">
            <ModelPicker status={props.status} form={form} errors={errors} onChange={change} />
            <ParamsFields form={form} errors={errors} onChange={change} />
            <ConfidenceFields form={form} errors={errors} onChange={change} />
            <div class="compose-actions">
              <button type="submit" class="btn btn-primary" disabled={props.streaming}>
                {props.streaming ? 'Running…' : 'Run'}
                <kbd>{isMac ? '⌘' : 'Ctrl'}+↵</kbd>
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
