/** UTF-8 helpers that need neither Node's Buffer nor the DOM's TextEncoder/TextDecoder. */

/** Encodes a string as UTF-8 bytes (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Encode(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Valid range of the second byte of a sequence, which is narrower for some lead bytes. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** What `decodeUtf8Prefix` found: the decoded text and how many bytes are left as an incomplete tail. */
export interface Utf8Prefix {
  text: string;
  /** Bytes at the end that start a character which is not complete yet. */
  pending: number[];
}

/**
 * Decodes as many complete characters as `bytes` holds. An incomplete sequence at the very end is
 * returned in `pending` (it may be completed by the next token); invalid bytes anywhere else become
 * U+FFFD, one per maximal invalid subpart, as the WHATWG decoder does.
 */
export function decodeUtf8Prefix(bytes: readonly number[]): Utf8Prefix {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const len = sequenceLength(lead);
    if (len === 0) {
      text += '\ufffd';
      i++;
      continue;
    }
    if (len === 1) {
      text += String.fromCharCode(lead);
      i++;
      continue;
    }
    let cp = lead & (0xff >> (len + 1));
    let j = 1;
    let valid = true;
    for (; j < len; j++) {
      if (i + j >= bytes.length) break;
      const b = bytes[i + j]!;
      const [lo, hi] = j === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (b < lo || b > hi) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (valid && j < len) return { text, pending: bytes.slice(i) };
    if (!valid) {
      text += '\ufffd';
      i += j;
      continue;
    }
    text += String.fromCodePoint(cp);
    i += len;
  }
  return { text, pending: [] };
}

/** Decodes UTF-8 bytes; an incomplete tail becomes U+FFFD. */
export function utf8Decode(bytes: readonly number[]): string {
  const { text, pending } = decodeUtf8Prefix(bytes);
  return pending.length > 0 ? `${text}\ufffd` : text;
}

const ESCAPED_BYTE = /\\x([0-9a-fA-F]{2})/g;

/**
 * Bytes encoded in a token's text as escapes, the way some servers send tokens that split a
 * character: `\xf0\x9f` (DeepSeek), or `bytes:\xe2\x80` (OpenAI legacy). Returns `null` when the
 * text holds no such escapes. Plain characters around the escapes are encoded as UTF-8.
 */
export function parseEscapedBytes(text: string): number[] | null {
  const body = text.startsWith('bytes:') ? text.slice(6) : text;
  if (!/\\x[0-9a-fA-F]{2}/.test(body)) return null;
  const out: number[] = [];
  let last = 0;
  for (const m of body.matchAll(ESCAPED_BYTE)) {
    out.push(...utf8Encode(body.slice(last, m.index)));
    out.push(Number.parseInt(m[1]!, 16));
    last = m.index + m[0].length;
  }
  out.push(...utf8Encode(body.slice(last)));
  return out;
}
