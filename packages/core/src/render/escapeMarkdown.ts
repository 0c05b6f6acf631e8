/** Characters with an inline meaning in CommonMark/GFM wherever they stand. */
const SPECIAL = /[\\`*_[\]<>|~&]/g;

/**
 * Escapes text so Markdown shows it literally: inline punctuation (`* _ [ ] < > | ~ & \` and
 * backticks) gets a backslash everywhere, and block markers at a line start (`#`, `-`, `+`, `=`,
 * `1.`) are escaped too. Newlines are kept.
 */
export function escapeMarkdown(text: string): string {
  return escapeInline(text)
    .replace(/^([ \t]*)([-+#=])/gm, '$1\\$2')
    .replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3');
}

/** Escapes the inline punctuation only (enough inside a table cell, where no block can start). */
export function escapeInline(text: string): string {
  return text.replace(SPECIAL, (ch) => `\\${ch}`);
}

/**
 * Escapes text for one GFM table cell: Markdown escapes plus `|`, with newlines shown as `↵`,
 * tabs as `→` and control characters escaped, so the row stays one line.
 */
export function escapeTableCell(text: string): string {
  const oneLine = text
    .replace(/\r?\n/g, '↵')
    .replace(/\t/g, '→')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return escapeInline(oneLine);
}
