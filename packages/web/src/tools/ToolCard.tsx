import type { AppStatus } from '@tokenscope/core';
import type { ComponentChildren } from 'preact';
import type { ComposeField, ComposeForm } from '../compose/composeForm';
import { ModelPicker } from '../compose/ModelPicker';

export interface ToolCardProps {
  id: string;
  title: string;
  /** What the tool does, in a sentence or two. */
  intro: ComponentChildren;
  status: AppStatus | null;
  /** The shared model selection (the compose form's: the remote key stays in memory only). */
  form: ComposeForm;
  onForm: (form: ComposeForm) => void;
  targetErrors: Partial<Record<ComposeField, string>>;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  /** The tool's own fields. */
  children: ComponentChildren;
}

/** A tool view's input card: intro, the tool's fields, the model picker and the submit button. */
export function ToolCard(props: ToolCardProps) {
  return (
    <section class="card tool" aria-labelledby={`${props.id}-title`} data-testid={`${props.id}-view`}>
      <div class="card-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
      </div>
      <form
        class="card-body tool-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (!props.busy) props.onSubmit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (!props.busy) props.onSubmit();
          }
        }}
      >
        <div class="tool-fields">
          <p class="tool-intro">{props.intro}</p>
          {props.children}
        </div>
        <div class="tool-side">
          <ModelPicker
            status={props.status}
            form={props.form}
            errors={props.targetErrors}
            onChange={props.onForm}
          />
          <button
            type="submit"
            class="btn btn-primary"
            disabled={props.busy}
            data-testid={`${props.id}-submit`}
          >
            {props.busy ? 'Working…' : props.submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
