const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '"': '"',
  ']': ']',
  '[': '[',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Reads the escape at `grammar[i]` (just after the backslash): the character and where reading goes on. */
function readEscape(grammar: string, i: number): [string, number] {
  const kind = grammar[i] ?? '';
  const digits = HEX_DIGITS[kind];
  if (digits !== undefined) {
    const hex = grammar.slice(i + 1, i + 1 + digits);
    const code = Number.parseInt(hex, 16);
    if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === digits && code <= 0x10ffff) {
      return [String.fromCodePoint(code), i + 1 + digits];
    }
  }
  return [SIMPLE_ESCAPES[kind] ?? kind, i + 1];
}

/**
 * The text of every double-quoted literal in a GBNF grammar (escapes resolved), in order: what the
 * model must be able to write for the grammar to be satisfiable. Comments (`#` to the end of the
 * line) and character classes (`[...]`) are skipped.
 */
export function gbnfLiterals(grammar: string): string[] {
  const literals: string[] = [];
  let i = 0;
  while (i < grammar.length) {
    const ch = grammar[i]!;
    if (ch === '#') {
      const end = grammar.indexOf('\n', i);
      i = end < 0 ? grammar.length : end + 1;
    } else if (ch === '[' || ch === '"') {
      const close = ch === '[' ? ']' : '"';
      let text = '';
      i++;
      while (i < grammar.length && grammar[i] !== close) {
        if (grammar[i] === '\\') {
          const [char, next] = readEscape(grammar, i + 1);
          text += char;
          i = next;
        } else {
          text += grammar[i];
          i++;
        }
      }
      i++;
      if (ch === '"' && text !== '') literals.push(text);
    } else {
      i++;
    }
  }
  return literals;
}
