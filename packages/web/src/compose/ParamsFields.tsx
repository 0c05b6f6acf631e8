import type { ComposeField, ComposeForm } from './composeForm';

export interface ParamsFieldsProps {
  form: ComposeForm;
  errors: Partial<Record<ComposeField, string>>;
  onChange: (form: ComposeForm) => void;
}

type NumericKey = 'temperature' | 'topP' | 'maxTokens' | 'topLogprobs' | 'seed';

const FIELDS: Array<{ key: NumericKey; label: string; hint: string; step?: string }> = [
  { key: 'temperature', label: 'Temperature', hint: '0 to 2', step: '0.1' },
  { key: 'topP', label: 'top_p', hint: '0 to 1', step: '0.05' },
  { key: 'maxTokens', label: 'Max tokens', hint: 'whole number', step: '1' },
  { key: 'topLogprobs', label: 'Alternatives', hint: 'top_logprobs' },
  { key: 'seed', label: 'Seed', hint: 'empty: random', step: '1' },
];

/** Sampling parameters; empty means the model's default. */
export function ParamsFields({ form, errors, onChange }: ParamsFieldsProps) {
  const all = form.topLogprobs.trim().toLowerCase() === 'all';
  return (
    <div class="params">
      <div class="params-grid">
        {FIELDS.map((f) => (
          <label class="field" key={f.key}>
            <span>{f.label}</span>
            <input
              type={f.key === 'topLogprobs' ? 'text' : 'number'}
              inputMode={f.key === 'topLogprobs' ? 'numeric' : 'decimal'}
              list={f.key === 'topLogprobs' && form.target === 'local' ? 'top-logprobs-options' : undefined}
              step={f.step}
              placeholder={f.hint}
              value={form[f.key]}
              aria-invalid={errors[f.key] ? true : undefined}
              aria-describedby={errors[f.key] ? `err-${f.key}` : undefined}
              onInput={(e) => onChange({ ...form, [f.key]: e.currentTarget.value })}
            />
          </label>
        ))}
      </div>
      <datalist id="top-logprobs-options">
        <option value="5" />
        <option value="20" />
        <option value="100" />
        <option value="all" />
      </datalist>
      {FIELDS.map((f) =>
        errors[f.key] ? (
          <p key={f.key} id={`err-${f.key}`} class="field-error">
            {errors[f.key]}
          </p>
        ) : null,
      )}
      {all && form.target === 'local' ? (
        <p class="field-note warn-note" role="note">
          “all” keeps the whole vocabulary at every token: fine for small models, but runs grow by vocab size
          × tokens (slow to save and render for large vocabularies).
        </p>
      ) : null}
    </div>
  );
}
