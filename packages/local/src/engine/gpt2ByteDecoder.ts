/**
 * GPT-2's byte-level BPE writes every byte as a printable character (`Ġ` for a space, `Ċ` for a
 * newline, ...). This maps such a vocabulary string back to the raw bytes, as llama.cpp's
 * `token_to_piece` does for BPE vocabularies.
 */
let decoder: Map<string, number> | undefined;

function byteDecoder(): Map<string, number> {
  if (decoder) return decoder;
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const map = new Map<string, number>();
  for (const b of printable) map.set(String.fromCodePoint(b), b);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    if (printable.includes(b)) continue;
    map.set(String.fromCodePoint(256 + next), b);
    next++;
  }
  decoder = map;
  return map;
}

/** The bytes a byte-level BPE token string stands for, or null when a character is not in the map. */
export function gpt2Bytes(tokenString: string): number[] | null {
  const map = byteDecoder();
  const bytes: number[] = [];
  for (const char of tokenString) {
    const byte = map.get(char);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return bytes;
}
