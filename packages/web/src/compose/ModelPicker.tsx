import type { AppStatus } from '@tokenscope/core';
import type { ComposeField, ComposeForm } from './composeForm';
import { modeForModel } from './modeForModel';

const REMOTE = '__remote__';

export interface ModelPickerProps {
  status: AppStatus | null;
  form: ComposeForm;
  errors: Partial<Record<ComposeField, string>>;
  onChange: (form: ComposeForm) => void;
}

/** Local models from the server, or a remote OpenAI-compatible endpoint (base URL, model, key). */
export function ModelPicker({ status, form, errors, onChange }: ModelPickerProps) {
  const models = status?.models ?? [];
  const value = form.target === 'remote' ? REMOTE : form.localModel;
  return (
    <div class="model-picker">
      <div class="field">
        <label for="compose-model">Model</label>
        <select
          id="compose-model"
          value={value}
          aria-invalid={form.target === 'local' && errors.model ? true : undefined}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange(
              v === REMOTE
                ? { ...form, target: 'remote' }
                : modeForModel(
                    { ...form, target: 'local', localModel: v },
                    models.find((m) => m.id === v),
                  ),
            );
          }}
        >
          {models.length === 0 ? <option value="">No local model found</option> : null}
          {models.length > 0 ? (
            <optgroup label="Local models">
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                  {m.id === status?.defaultModel ? ' (default)' : ''}
                </option>
              ))}
            </optgroup>
          ) : null}
          <option value={REMOTE}>Remote endpoint (OpenAI-compatible)…</option>
        </select>
        {form.target === 'local' && errors.model ? <span class="field-error">{errors.model}</span> : null}
      </div>
      {form.target === 'remote' ? (
        <div class="remote-fields">
          <label class="field">
            <span>Base URL</span>
            <input
              type="url"
              placeholder="https://api.openai.com/v1"
              value={form.remote.baseURL}
              aria-invalid={errors.baseURL ? true : undefined}
              onInput={(e) =>
                onChange({ ...form, remote: { ...form.remote, baseURL: e.currentTarget.value } })
              }
            />
            {errors.baseURL ? <span class="field-error">{errors.baseURL}</span> : null}
          </label>
          <label class="field">
            <span>Remote model</span>
            <input
              placeholder="gpt-4o-mini"
              value={form.remote.model}
              aria-invalid={errors.model ? true : undefined}
              onInput={(e) => onChange({ ...form, remote: { ...form.remote, model: e.currentTarget.value } })}
            />
            {errors.model ? <span class="field-error">{errors.model}</span> : null}
          </label>
          <div class="field remote-key">
            <label for="compose-api-key">API key</label>
            <input
              id="compose-api-key"
              type="password"
              autocomplete="off"
              aria-describedby="compose-api-key-note"
              placeholder="sk-… (empty for local servers)"
              value={form.remote.apiKey}
              onInput={(e) =>
                onChange({ ...form, remote: { ...form.remote, apiKey: e.currentTarget.value } })
              }
            />
            <span class="field-note" id="compose-api-key-note">
              Kept in this page's memory only: sent with each request, never saved to disk, the URL or logs.
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
