/**
 * How sampled answers are compared, shared by `analyzeConsistency` (which counts support) and
 * `sampleVersions` (which shows each sample's version of a sentence or fact), so both always agree.
 */
import { sentenceRanges } from '../analysis/sentenceRanges.js';

/** Unigram F1 at or above which two sentences say the same thing. */
export const SENTENCE_MATCH_F1 = 0.5;

const WORD = /[\p{L}\p{N}]+/gu;
const ALNUM = /[\p{L}\p{N}]/u;

/** The words of a text, NFKC and lower case. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** How many words a text has (letters and digits). */
export function wordCount(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Unigram F1 of two word lists (1 for two empty lists, 0 when one is empty). */
export function unigramF1(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of a) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / a.length;
  const recall = common / b.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Text as fact containment compares it: NFKC, lower case, whitespace collapsed, "1,000" = "1000". */
export function containmentForm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .trim();
}

/** Whether `needle` occurs in `haystack` (both in containment form) on word boundaries. */
export function containsOnBoundary(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startsWord = ALNUM.test(needle[0]!);
    const endsWord = ALNUM.test(needle[needle.length - 1]!);
    const okBefore = !startsWord || before === undefined || !ALNUM.test(before);
    const okAfter = !endsWord || after === undefined || !ALNUM.test(after);
    if (okBefore && okAfter) return true;
    at = haystack.indexOf(needle, at + 1);
  }
  return false;
}

/** A sample prepared for comparison: its sentences (text and words) and its containment form. */
export interface ComparableText {
  text: string;
  sentences: Array<{ text: string; words: string[] }>;
  normalized: string;
}

export function comparable(text: string): ComparableText {
  return {
    text,
    sentences: sentenceRanges(text).map(([a, b]) => ({
      text: text.slice(a, b),
      words: wordsOf(text.slice(a, b)),
    })),
    normalized: containmentForm(text),
  };
}

/** The sentence of `other` most like `words` (highest unigram F1; the first on a tie), or null. */
export function closestSentence(
  words: readonly string[],
  other: ComparableText,
): { text: string; f1: number } | null {
  let best: { text: string; f1: number } | null = null;
  for (const s of other.sentences) {
    const f1 = unigramF1(words, s.words);
    if (best === null || f1 > best.f1) best = { text: s.text, f1 };
  }
  return best;
}

/**
 * Whether `other` carries a sentence of the shown answer: it has a sentence sharing at least half
 * its words (unigram F1 >= SENTENCE_MATCH_F1) and contains every critical fact of the sentence.
 */
export function carriesSentence(
  words: readonly string[],
  factForms: readonly string[],
  other: ComparableText,
): boolean {
  const similar = other.sentences.some((s) => unigramF1(words, s.words) >= SENTENCE_MATCH_F1);
  return similar && factForms.every((f) => containsOnBoundary(other.normalized, f));
}
