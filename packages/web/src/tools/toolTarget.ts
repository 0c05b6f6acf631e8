import type { RunTarget } from '@tokenscope/core';
import type { ComposeField, ComposeForm } from '../compose/composeForm';

/**
 * The model a tool view runs on: the one picked in the shared model picker (the compose form's, so the
 * remote key stays in this page's memory only, like a run's), or what to fix.
 */
export function toolTarget(
  form: ComposeForm,
): { ok: true; target: RunTarget } | { ok: false; errors: Partial<Record<ComposeField, string>> } {
  if (form.target === 'local') {
    return form.localModel
      ? { ok: true, target: { kind: 'local', model: form.localModel } }
      : { ok: false, errors: { model: 'Pick a local model, or use a remote endpoint.' } };
  }
  const errors: Partial<Record<ComposeField, string>> = {};
  const baseURL = form.remote.baseURL.trim();
  if (!/^https?:\/\/[^\s/]+/i.test(baseURL)) {
    errors.baseURL = 'Give the endpoint base URL, like http://localhost:8000/v1.';
  }
  const model = form.remote.model.trim();
  if (!model) errors.model = 'Give the remote model name.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const apiKey = form.remote.apiKey.trim();
  return { ok: true, target: { kind: 'remote', baseURL, model, ...(apiKey ? { apiKey } : {}) } };
}

/** "12.3 %" with one decimal (tool tables). */
export function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}
