import { InvalidOptionError } from '../errors/InvalidOptionError.js';

/**
 * The default prompt: an instruction, the labels, the text, and `Category:` for the label to
 * follow. `{labels}` is replaced by the labels joined with ", " and `{text}` by the text.
 */
export const DEFAULT_CLASSIFY_TEMPLATE =
  'Classify the message into one of these categories: {labels}.\n\nMessage: {text}\nCategory:';

/** Fills a prompt template: `{text}` (required) and `{labels}` (optional). */
export function buildClassifyPrompt(template: string, text: string, labels: readonly string[]): string {
  if (!template.includes('{text}')) {
    throw new InvalidOptionError(
      'prompt template',
      `expected a template with {text} in it, got ${JSON.stringify(template)}`,
    );
  }
  return template.replaceAll('{labels}', labels.join(', ')).replaceAll('{text}', text);
}

/** The continuation scored for a label: the label after a space (the prompt ends before it), or bare. */
export function labelContinuation(label: string, space = true): string {
  return space ? ` ${label}` : label;
}
