/**
 * Titles: trimmed, 1..200 characters. A run saved without one gets the first non-empty line of its
 * prompt (the last user message of a chat), else the imported file's name, else 'Untitled run',
 * shortened to 80 characters at a word boundary.
 */
import type { RunPrompt } from '@tokenscope/core';
import { InvalidRunError } from '../errors/InvalidRunError.js';

export const MAX_TITLE = 200;
const DEFAULT_TITLE_LENGTH = 80;

/** Checks a title the user gave. */
export function normalizeTitle(title: string, field = 'title'): string {
  const trimmed = title.trim();
  const length = [...trimmed].length;
  if (length === 0)
    throw new InvalidRunError(
      field,
      'expected 1 to 200 characters, got an empty title (omit it for a default)',
    );
  if (length > MAX_TITLE) throw new InvalidRunError(field, `expected 1 to 200 characters, got ${length}`);
  return trimmed;
}

/** The title of a run saved without one. */
export function defaultTitle(prompt: RunPrompt | null, fileName?: string): string {
  const fromPrompt = prompt === null ? '' : firstLine(promptHeadline(prompt));
  if (fromPrompt !== '') return shorten(fromPrompt);
  const fromFile = fileName?.trim() ?? '';
  if (fromFile !== '') return shorten(fromFile);
  return 'Untitled run';
}

/** The text a prompt is shown by: a text prompt, or a chat's last user message (else its last message). */
export function promptHeadline(prompt: RunPrompt): string {
  if (prompt.kind === 'text') return prompt.text;
  const messages = prompt.messages;
  const user = messages.findLast((m) => m.role === 'user') ?? messages.at(-1);
  return user?.content ?? '';
}

function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const clean = line.replace(/\s+/g, ' ').trim();
    if (clean !== '') return clean;
  }
  return '';
}

function shorten(text: string): string {
  const chars = [...text];
  if (chars.length <= DEFAULT_TITLE_LENGTH) return text;
  const cut = chars.slice(0, DEFAULT_TITLE_LENGTH - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > DEFAULT_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
