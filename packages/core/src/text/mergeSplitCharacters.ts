import type { Token } from '../model/Token.js';
import { decodeUtf8Prefix, parseEscapedBytes, utf8Decode, utf8Encode } from './utf8.js';

const REPLACEMENT = '\ufffd';
const REPLACEMENT_BYTES = [0xef, 0xbf, 0xbd];

/**
 * Takes tokens whose `text` is exactly what the provider sent and returns tokens whose `text` values
 * concatenate to the response text, merging UTF-8 characters split across tokens:
 *
 * - with `bytes` (or bytes escaped in the text as `\xNN`), the bytes are decoded across token
 *   boundaries; a character goes to the token that completes it, the others get `''`, and all of them
 *   get the same `utf8Group`;
 * - without usable bytes (U+FFFD text, as Ollama, vLLM and OpenAI Responses streams send), the
 *   `responseText`, when given, fills the gap between the surrounding tokens.
 *
 * The provider's own text is kept in `rawText` wherever `text` changed. Per-token values are untouched.
 */
export function mergeSplitCharacters(tokens: readonly Token[], responseText?: string): Token[] {
  const out: Token[] = tokens.map((t) => ({ ...t }));
  decodeAcrossTokens(out);
  if (responseText !== undefined) alignToResponseText(out, responseText);
  for (let i = 0; i < out.length; i++) {
    const raw = tokens[i]!.rawText ?? tokens[i]!.text;
    const t = out[i]!;
    if (t.text !== raw) t.rawText = raw;
    else delete t.rawText;
  }
  return out;
}

/** Bytes of a token when they can be trusted to rebuild split characters, else null. */
function usableBytes(token: Token): number[] | null {
  const raw = token.rawText ?? token.text;
  if (token.bytes && token.bytes.length > 0) {
    // vLLM sends the bytes of U+FFFD itself for a split character: those say nothing.
    const isReplacementOnly =
      raw.includes(REPLACEMENT) &&
      sameBytes(token.bytes, utf8Encode(raw)) &&
      containsReplacement(token.bytes);
    return isReplacementOnly ? null : token.bytes;
  }
  const escaped = parseEscapedBytes(raw);
  if (escaped) return escaped;
  if (raw.includes(REPLACEMENT)) return null;
  return utf8Encode(raw);
}

function decodeAcrossTokens(tokens: Token[]): void {
  let pending: number[] = [];
  let groupStart = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const bytes = usableBytes(token);
    if (bytes === null) {
      if (pending.length > 0) {
        tokens[i - 1]!.text += utf8Decode(pending);
        closeGroup(tokens, groupStart, i);
        pending = [];
      }
      groupStart = -1;
      continue;
    }
    if (token.bytes === null || token.bytes.length === 0) token.bytes = bytes;
    const startsInsideGroup = pending.length > 0;
    const { text, pending: rest } = decodeUtf8Prefix([...pending, ...bytes]);
    token.text = text;
    if (startsInsideGroup && rest.length === 0) {
      closeGroup(tokens, groupStart, i + 1);
      groupStart = -1;
    } else if (!startsInsideGroup && rest.length > 0) {
      groupStart = i;
    }
    pending = rest;
  }
  if (pending.length > 0 && tokens.length > 0) {
    tokens[tokens.length - 1]!.text += utf8Decode(pending);
    closeGroup(tokens, groupStart, tokens.length);
  }
}

function closeGroup(tokens: Token[], start: number, end: number): void {
  if (start < 0 || end - start < 2) return;
  // A token that completes one character and starts the next chains two groups into one.
  const first = tokens[start]!.utf8Group?.[0] ?? start;
  for (let i = first; i < end; i++) tokens[i]!.utf8Group = [first, end];
}

/**
 * Where decoding left U+FFFD and the response text is known, give each run of such tokens the
 * response text between its neighbours. Leaves the tokens as they are when they cannot be aligned.
 */
function alignToResponseText(tokens: Token[], responseText: string): void {
  if (tokens.map((t) => t.text).join('') === responseText) return;
  if (!tokens.some((t) => t.text.includes(REPLACEMENT))) return;
  const texts = tokens.map((t) => t.text);
  let cursor = 0;
  let i = 0;
  const assignments: Array<[number, number, string]> = [];
  while (i < texts.length) {
    const text = texts[i]!;
    if (!text.includes(REPLACEMENT)) {
      if (!responseText.startsWith(text, cursor)) return;
      cursor += text.length;
      i++;
      continue;
    }
    let end = i;
    while (end < texts.length && texts[end]!.includes(REPLACEMENT)) end++;
    let gapEnd = responseText.length;
    if (end < texts.length) {
      gapEnd = responseText.indexOf(texts[end]!, cursor);
      if (gapEnd < 0) return;
    }
    assignments.push([i, end, responseText.slice(cursor, gapEnd)]);
    cursor = gapEnd;
    i = end;
  }
  if (cursor !== responseText.length) return;
  for (const [start, end, gap] of assignments) {
    for (let k = start; k < end; k++) tokens[k]!.text = k === end - 1 ? gap : '';
    if (end - start > 1) for (let k = start; k < end; k++) tokens[k]!.utf8Group = [start, end];
  }
}

function sameBytes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function containsReplacement(bytes: readonly number[]): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (
      bytes[i] === REPLACEMENT_BYTES[0] &&
      bytes[i + 1] === REPLACEMENT_BYTES[1] &&
      bytes[i + 2] === REPLACEMENT_BYTES[2]
    )
      return true;
  }
  return false;
}
