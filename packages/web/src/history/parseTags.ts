/** Tags typed as `a, b  c`: split on commas and spaces, trimmed, lower-cased, unique, in order. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\s]+/)) {
    const tag = part.trim().toLowerCase().replace(/^#/, '');
    if (tag) seen.add(tag.slice(0, 40));
  }
  return [...seen].slice(0, 20);
}
