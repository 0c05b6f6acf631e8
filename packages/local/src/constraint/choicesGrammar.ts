import { InvalidOptionError } from '@tokenscope/core';

/** One character inside a GBNF double-quoted literal. */
function escapeChar(ch: string): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

/** A string as a GBNF literal: `"..."` with quotes, backslashes and control characters escaped. */
export function gbnfLiteral(text: string): string {
  let out = '"';
  for (const ch of text) out += escapeChar(ch);
  return `${out}"`;
}

/**
 * The GBNF grammar that accepts exactly one of the choices: `root ::= "yes" | "no"`. Throws
 * `InvalidOptionError` (`constraint.choices`) for no choices, a non-string or an empty string;
 * duplicates are kept once.
 */
export function choicesGrammar(choices: unknown): string {
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new InvalidOptionError(
      'constraint.choices',
      'expected a non-empty array of non-empty strings, e.g. ["yes", "no"]',
    );
  }
  const seen = new Set<string>();
  choices.forEach((choice, i) => {
    if (typeof choice !== 'string' || choice === '') {
      throw new InvalidOptionError(
        'constraint.choices',
        `expected non-empty strings, got ${JSON.stringify(choice) ?? String(choice)} at index ${i}`,
      );
    }
    seen.add(choice);
  });
  return `root ::= ${[...seen].map(gbnfLiteral).join(' | ')}\n`;
}
