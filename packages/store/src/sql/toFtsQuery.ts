/**
 * Search text as users type it, turned into an FTS5 query that cannot fail: every whitespace-separated
 * word becomes a quoted phrase with a prefix star (`"word"*`), so `"`, `*`, `-`, `:`, `(`, `NEAR`,
 * `OR` and the like are searched as text, never read as FTS5 syntax. Words must all match (AND).
 * Words without a letter or digit are dropped; null when none is left (no search).
 */
const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 100;

export function toFtsQuery(search: string): string | null {
  const terms = search
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS)
    .map((term) => `"${[...term].slice(0, MAX_TERM_LENGTH).join('').replaceAll('"', '""')}"*`);
  return terms.length === 0 ? null : terms.join(' ');
}
