/** C0 and C1 controls, DEL, and bidirectional overrides/isolates (which can reorder what is shown). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\u001b': '\\e' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes text safe to print in a terminal: every control character (ESC, CR, BEL, C1 controls such as
 * the 8-bit CSI) and bidi override becomes a visible escape (`\e`, `\r`, `\x07`, `\u202e`), so token
 * text can never inject escape sequences. `\n` and `\t` are kept unless `keep` says otherwise.
 */
export function escapeControls(text: string, keep: { newline?: boolean; tab?: boolean } = {}): string {
  const keepNewline = keep.newline ?? true;
  const keepTab = keep.tab ?? true;
  return text.replace(UNSAFE, (ch) => {
    if ((ch === '\n' && keepNewline) || (ch === '\t' && keepTab)) return ch;
    return escapeOne(ch);
  });
}

/** Token text in double quotes on one line, controls and `"`/`\` escaped: `" D"`, `"\n"`. */
export function quoteText(text: string): string {
  return `"${escapeControls(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'), { newline: false, tab: false })}"`;
}

/** Token text with whitespace made visible (`␣` space, `↵` newline, `→` tab) and controls escaped. */
export function visibleWhitespace(text: string): string {
  if (text === '') return '∅';
  return escapeControls(text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '→'), {
    newline: false,
    tab: false,
  });
}
