/**
 * Where sentences are in a text, as character ranges [start, end) without surrounding whitespace.
 * A sentence ends after `.`, `!`, `?`, `…` (and runs like `?!` or `...`, with any closing quotes or
 * brackets after them) followed by whitespace or the end of the text, and at every line break. A
 * single `.` does not end a sentence after a common abbreviation (e.g., i.e., Mr., Dr., vs., No. 5), an
 * initial (J. R. R. Tolkien, U.S.), a list number at the start of a line ("1. "), or "etc." before a
 * lowercase word. Decimals (3.14) never split: no whitespace follows their `.`. Linear in the text.
 */

const BOUNDARY = /([.!?\u2026]+)[)\]}"'\u2019\u201d\u00bb]*(?=\s|$)|\r?\n/gu;
const WORD_BEFORE = /([\p{L}\p{N}.]+)$/u;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'e.g',
  'i.e',
  'cf',
  'approx',
  'fig',
  'al',
  'ca',
  'vol',
  'pp',
  'gen',
  'col',
  'lt',
  'sgt',
  'rev',
  'hon',
]);
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u;
const DIGITS = /^\d+$/;
const DIGIT_NEXT = /^\s*\d/;
const UPPER_START = /^\s*[\p{Lu}\p{N}"'\u201c\u2018(]/u;

export function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let cursor = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index;
    if (m[1] === undefined) {
      push(text, ranges, cursor, at);
      cursor = at + m[0].length;
      continue;
    }
    if (m[1] === '.' && !endsSentence(text, at, cursor)) continue;
    const end = at + m[0].length;
    push(text, ranges, cursor, end);
    cursor = end;
  }
  push(text, ranges, cursor, text.length);
  return ranges;
}

/** Whether the single `.` at `dot` ends the sentence that began at `sentenceStart`. */
function endsSentence(text: string, dot: number, sentenceStart: number): boolean {
  const before = WORD_BEFORE.exec(text.slice(Math.max(sentenceStart, dot - 24), dot));
  if (!before) return true;
  const word = before[1]!;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (INITIALS.test(word)) return false;
  if (lower === 'etc') return UPPER_START.test(text.slice(dot + 1, dot + 8));
  if (lower === 'no') return !DIGIT_NEXT.test(text.slice(dot + 1, dot + 4));
  if (DIGITS.test(word)) {
    const wordStart = dot - word.length;
    if (wordStart - sentenceStart <= 8 && text.slice(sentenceStart, wordStart).trim() === '') return false;
  }
  return true;
}

function push(text: string, ranges: Array<[number, number]>, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) ranges.push([s, e]);
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000
  );
}
