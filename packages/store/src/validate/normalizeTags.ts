/**
 * Tags: trimmed, inner whitespace collapsed to one space, lowercased (so `Draft` and `draft` are one
 * tag), duplicates dropped (first one kept), 1..40 characters each, at most 20 per run.
 */
import { InvalidRunError } from '../errors/InvalidRunError.js';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** Normalises one tag (also used for the `tag` filter of `list`); null when it is empty. */
export function normalizeTag(tag: string): string | null {
  const clean = tag.replace(/\s+/g, ' ').trim().toLowerCase();
  return clean === '' ? null : clean;
}

export function normalizeTags(tags: readonly string[], field = 'tags'): string[] {
  const out: string[] = [];
  tags.forEach((tag, i) => {
    const clean = normalizeTag(tag);
    if (clean === null)
      throw new InvalidRunError(`${field}[${i}]`, 'expected 1 to 40 characters, got an empty tag');
    const length = [...clean].length;
    if (length > MAX_TAG_LENGTH)
      throw new InvalidRunError(`${field}[${i}]`, `expected 1 to 40 characters, got ${length}`);
    if (!out.includes(clean)) out.push(clean);
  });
  if (out.length > MAX_TAGS) throw new InvalidRunError(field, `expected at most 20 tags, got ${out.length}`);
  return out;
}
