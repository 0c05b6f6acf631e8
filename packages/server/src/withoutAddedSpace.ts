import type { Token } from '@tokenscope/core';

const decoder = new TextDecoder('utf-8');

/**
 * The echoed prompt's tokens, their texts concatenating to `prompt`: a SentencePiece tokenizer adds a
 * space before the text (`▁Once` reads ` Once`), which is not part of the prompt, so that space is
 * taken off the first token that has text (and off its alternatives). Tokens that already spell the
 * prompt come back as they are.
 */
export function withoutAddedSpace(tokens: readonly Token[], prompt: string): Token[] {
  const bytes = tokens.flatMap((t) => t.bytes ?? [...Buffer.from(t.text)]);
  const decoded = decoder.decode(Uint8Array.from(bytes));
  if (decoded === prompt || decoded !== ` ${prompt}`) return [...tokens];
  const at = tokens.findIndex((t) => (t.bytes ? t.bytes.length > 0 : t.text !== ''));
  const first = tokens[at];
  if (!first?.text.startsWith(' ')) return [...tokens];
  const out = [...tokens];
  // The alternatives at that position lose the same space, so the chosen token stays among them.
  const top = first.top.map((alt) =>
    alt.text.startsWith(' ')
      ? { ...alt, text: alt.text.slice(1), bytes: alt.bytes ? alt.bytes.slice(1) : null }
      : alt,
  );
  out[at] = { ...first, text: first.text.slice(1), bytes: first.bytes ? first.bytes.slice(1) : null, top };
  return out;
}
