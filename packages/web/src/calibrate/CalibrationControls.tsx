import { DERIVE_MODES, type DeriveMode } from '@tokenscope/core';
import { type CalibrationForm, type FormErrors, MAX_BROWSER_BOOTSTRAP } from './calibrationForm';

const DERIVE_LABEL: Record<DeriveMode, string> = {
  mean: 'mean: exp(mean logprob)',
  sum: 'sum: exp(Σ logprob), the whole answer',
  min: 'min: the weakest token',
};

/** Bins, binning of the diagram, bootstrap, seed, split, review budget and catch target, derive mode. */
export function CalibrationControls({
  form,
  errors,
  onChange,
}: {
  form: CalibrationForm;
  errors: FormErrors;
  onChange: (form: CalibrationForm) => void;
}) {
  const text = (key: keyof CalibrationForm, label: string, note: string) => (
    <label class="field" key={key}>
      <span>{label}</span>
      <input
        name={`cal-${key}`}
        inputMode="decimal"
        value={form[key]}
        aria-invalid={errors[key] ? 'true' : undefined}
        onInput={(e) => onChange({ ...form, [key]: e.currentTarget.value })}
      />
      {errors[key] ? <span class="field-error">{errors[key]}</span> : <span class="field-note">{note}</span>}
    </label>
  );
  return (
    <fieldset class="cal-controls">
      <legend>Settings</legend>
      {text('bins', 'Bins', 'for the ECE and the diagram')}
      <label class="field">
        <span>Diagram bins</span>
        <select
          name="cal-scheme"
          value={form.scheme}
          onChange={(e) => onChange({ ...form, scheme: e.currentTarget.value as CalibrationForm['scheme'] })}
        >
          <option value="width">equal width</option>
          <option value="mass">equal mass</option>
        </select>
        <span class="field-note">the table shows both</span>
      </label>
      {text('bootstrap', 'Bootstrap', `replicates of the ECE interval (0 to ${MAX_BROWSER_BOOTSTRAP})`)}
      {text('seed', 'Seed', 'of the bootstrap and the split')}
      {text('split', 'Fit on (%)', 'hold out the rest; empty: in-sample')}
      {text('budget', 'Review budget (%)', 'flag at most this share of answers')}
      {text('catchTarget', 'Catch (%)', 'of errors: how many answers to flag?')}
      <label class="field">
        <span>Logprobs → confidence</span>
        <select
          name="cal-derive"
          value={form.derive}
          onChange={(e) => onChange({ ...form, derive: e.currentTarget.value as DeriveMode })}
        >
          {DERIVE_MODES.map((m) => (
            <option key={m} value={m}>
              {DERIVE_LABEL[m]}
            </option>
          ))}
        </select>
        <span class="field-note">for rows with "logprobs"</span>
      </label>
    </fieldset>
  );
}
