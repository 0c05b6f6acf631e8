import type { Token, TopAlternative } from '@tokenscope/core';

/** OpenAI's value for "below the reported top-k" (and -Infinity, which JSON cannot carry). */
export const SENTINEL_LOGPROB = -9999;

/** A logprob as JSON can carry it: finite, or OpenAI's -9999 sentinel. */
export function jsonLogprob(value: number | null): number {
  return value === null || !Number.isFinite(value) ? SENTINEL_LOGPROB : value;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** True when `bytes` are a whole number of UTF-8 characters. */
function isWholeUtf8(bytes: readonly number[]): boolean {
  try {
    decoder.decode(Uint8Array.from(bytes));
    return true;
  } catch {
    return false;
  }
}

/**
 * A token's text for the legacy Completions arrays, where only a string can be sent: its decoded
 * piece, or, when it holds part of a UTF-8 character, OpenAI's `bytes:\xe2\x80` form (printable
 * ASCII kept, every other byte escaped), which parsers turn back into the real bytes.
 */
export function legacyTokenText(token: Pick<Token | TopAlternative, 'text' | 'bytes'>): string {
  const bytes = token.bytes;
  if (!bytes || bytes.length === 0 || isWholeUtf8(bytes)) return token.text;
  let out = 'bytes:';
  for (const b of bytes) {
    out +=
      b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Decodes the bytes of consecutive tokens into text, holding back an incomplete character. */
export class Utf8Stream {
  private readonly decoder = new TextDecoder('utf-8');

  /** Text completed by this token (may be '' while a character is incomplete). */
  push(token: Pick<Token, 'text' | 'bytes'>): string {
    if (!token.bytes) return this.decoder.decode(new Uint8Array(), { stream: true }) + token.text;
    return this.decoder.decode(Uint8Array.from(token.bytes), { stream: true });
  }

  /** What is left (an incomplete character at the end, as U+FFFD). */
  flush(): string {
    return this.decoder.decode();
  }
}
