import type { LocalModelEntry } from '@tokenscope/core';
import type { ComposeForm } from './composeForm';

/**
 * The prompt kind a fresh form takes for a local model: raw text when the model has no chat template
 * of its own (chat would go through a generic fallback template), chat when it has one. A form whose
 * prompt the user has started keeps its kind, and so does one for a model not loaded yet (unknown).
 */
export function modeForModel(form: ComposeForm, model: LocalModelEntry | undefined): ComposeForm {
  if (model?.hasChatTemplate === undefined) return form;
  const started = form.text !== '' || form.messages.some((m) => m.content !== '');
  if (started) return form;
  const mode = model.hasChatTemplate ? 'chat' : 'text';
  return form.mode === mode ? form : { ...form, mode };
}

/** True when a chat prompt would go through the fallback template: a local model known to lack one. */
export function usesFallbackTemplate(form: ComposeForm, models: readonly LocalModelEntry[]): boolean {
  if (form.target !== 'local' || form.mode !== 'chat') return false;
  return models.find((m) => m.id === form.localModel)?.hasChatTemplate === false;
}
