import { type ConstraintChoice, type ConstraintForm, EMPTY_CONSTRAINT } from './constraintForm';

export interface ConstraintFieldsProps {
  value: ConstraintForm | undefined;
  /** Constraints run on local models only. */
  local: boolean;
  error: string | undefined;
  onChange: (value: ConstraintForm) => void;
}

const KINDS: Array<{ kind: ConstraintChoice; label: string }> = [
  { kind: 'none', label: 'None' },
  { kind: 'choices', label: 'Choices' },
  { kind: 'json-schema', label: 'JSON schema' },
  { kind: 'grammar', label: 'Grammar' },
];

/**
 * "Constrain output" (local models): one of a list of choices, JSON matching a schema, or a GBNF
 * grammar. The X-ray then shows, per token, what the model wanted beside what it was allowed.
 */
export function ConstraintFields({ value, local, error, onChange }: ConstraintFieldsProps) {
  const form = value ?? EMPTY_CONSTRAINT;
  const set = (patch: Partial<ConstraintForm>) => onChange({ ...form, ...patch });
  return (
    <details class="constrain" open={form.kind !== 'none'} data-testid="constrain">
      <summary>
        Constrain output{form.kind === 'none' ? '' : `: ${KINDS.find((k) => k.kind === form.kind)?.label}`}
      </summary>
      <fieldset class="segmented">
        <legend class="visually-hidden">Constraint</legend>
        {KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            aria-pressed={form.kind === k.kind}
            onClick={() => set({ kind: k.kind })}
          >
            {k.label}
          </button>
        ))}
      </fieldset>
      {form.kind === 'choices' ? (
        <label class="field">
          <span>Choices, one per line</span>
          <textarea
            class="input"
            rows={3}
            value={form.choices}
            onInput={(e) => set({ choices: e.currentTarget.value })}
          />
        </label>
      ) : form.kind === 'json-schema' ? (
        <label class="field">
          <span>JSON schema</span>
          <textarea
            class="input mono"
            rows={5}
            value={form.schema}
            onInput={(e) => set({ schema: e.currentTarget.value })}
          />
        </label>
      ) : form.kind === 'grammar' ? (
        <label class="field">
          <span>GBNF grammar (llama.cpp; a rule named root)</span>
          <textarea
            class="input mono"
            rows={3}
            value={form.gbnf}
            onInput={(e) => set({ gbnf: e.currentTarget.value })}
          />
        </label>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : form.kind !== 'none' ? (
        <p class="field-note">
          {local
            ? 'The X-ray colours what the model wanted (raw); each tooltip adds the allowed p and the mass the constraint removed.'
            : 'Constrained decoding runs on local models only.'}
        </p>
      ) : null}
    </details>
  );
}
