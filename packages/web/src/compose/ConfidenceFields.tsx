import type { ConfidenceSignal } from '@tokenscope/core';
import type { ComposeField, ComposeForm } from './composeForm';

export interface ConfidenceFieldsProps {
  form: ComposeForm;
  errors: Partial<Record<ComposeField, string>>;
  onChange: (form: ComposeForm) => void;
}

const CHOICES: Array<{ value: ConfidenceSignal; label: string }> = [
  { value: 'logprobs', label: 'Logprobs' },
  { value: 'consistency', label: 'Sampling' },
  { value: 'both', label: 'Both' },
];

/**
 * Where the answer's confidence comes from: the tokens' logprobs, sampling consistency (N answers at
 * temperature ≥ 0.7, compared), or both side by side; and how many samples.
 */
export function ConfidenceFields({ form, errors, onChange }: ConfidenceFieldsProps) {
  const sampling = form.confidence !== 'logprobs';
  return (
    <div class="confidence-fields">
      <div class="field confidence-choice">
        <span aria-hidden="true">Confidence</span>
        <fieldset class="segmented">
          <legend class="visually-hidden">Confidence</legend>
          {CHOICES.map((c) => (
            <button
              key={c.value}
              type="button"
              aria-pressed={form.confidence === c.value}
              onClick={() => onChange({ ...form, confidence: c.value })}
            >
              {c.label}
            </button>
          ))}
        </fieldset>
      </div>
      <label class="field confidence-samples">
        <span>Samples</span>
        <input
          type="number"
          inputMode="numeric"
          step="1"
          min="2"
          max="50"
          value={form.samples}
          aria-invalid={errors.samples ? true : undefined}
          aria-describedby={errors.samples ? 'err-samples' : undefined}
          onInput={(e) => onChange({ ...form, samples: e.currentTarget.value })}
        />
      </label>
      {errors.samples ? (
        <p id="err-samples" class="field-error">
          {errors.samples}
        </p>
      ) : null}
      <p class="field-note">
        {sampling
          ? `Asks ${form.samples || 'N'} answers at temperature ≥ 0.7 without logprobs and compares them: ${form.samples || 'N'}× the requests. Agreement measures stability, not truth.`
          : form.target === 'remote'
            ? 'If the endpoint refuses or ignores logprobs, the app falls back to sampling consistency with this many samples.'
            : 'Logprobs of every token, from the model.'}
      </p>
    </div>
  );
}
