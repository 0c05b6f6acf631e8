/**
 * Critical facts worth checking (seed 001): URLs, emails, dates, numbers and capitalised names, each
 * with the model's confidence in it: the lowest probability (0..1) and the mean logprob (natural
 * log) of the tokens that overlap it. Facts never overlap; where candidates do, URL/email beats date
 * beats number beats name ("May 1, 2024" is a date, not a name and two numbers).
 *
 * Names are runs of capitalised words ("Andrzej Duda", "New York City", "Dr. Smith"). A run at the
 * start of a sentence counts only with 2+ words, after dropping a leading sentence word such as
 * "The" or "In"; a single word anywhere else counts, except calendar words (May, Monday).
 */
import type { CriticalFact, FactKind, TokenAnalysis } from './Analysis.js';
import {
  CALENDAR_WORDS,
  DATE_PATTERN,
  EMAIL_PATTERN,
  NAME_PATTERN,
  NUMBER_PATTERN,
  SENTENCE_STARTERS,
  trimUrl,
  URL_PATTERN,
} from './factPatterns.js';
import { sentenceRanges } from './sentenceRanges.js';
import { rangeStats, tokenLocator } from './tokenRange.js';

interface Candidate {
  kind: FactKind;
  start: number;
  end: number;
}

const ALNUM = /[\p{L}\p{N}]/gu;
const FIRST_WORD = /^\S+\s+/u;
const LIST_MARKER = /\d{1,3}[.)][ \t]+/y;

export function findCriticalFacts(text: string, tokens: readonly TokenAnalysis[]): CriticalFact[] {
  const taken = new Uint8Array(text.length);
  const accepted: Candidate[] = [];
  const accept = (candidates: Candidate[]) => {
    candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const c of candidates) {
      if (c.end <= c.start || overlapsTaken(taken, c)) continue;
      taken.fill(1, c.start, c.end);
      accepted.push(c);
    }
  };
  accept([...findUrls(text), ...matches(text, EMAIL_PATTERN, 'email')]);
  accept(matches(text, DATE_PATTERN, 'date'));
  accept(matches(text, NUMBER_PATTERN, 'number'));
  accept(findNames(text));
  accepted.sort((a, b) => a.start - b.start);

  const locate = tokenLocator(tokens);
  return accepted.map(({ kind, start: charStart, end: charEnd }) => {
    const [start, end] = locate(charStart, charEnd);
    const stats = rangeStats(tokens, start, end);
    return {
      kind,
      text: text.slice(charStart, charEnd),
      start,
      end,
      charStart,
      charEnd,
      minProb: stats.minProb,
      meanLogprob: stats.meanLogprob,
      flagged: stats.flaggedTokens > 0,
    };
  });
}

function overlapsTaken(taken: Uint8Array, c: Candidate): boolean {
  for (let i = c.start; i < c.end; i++) if (taken[i] === 1) return true;
  return false;
}

function matches(text: string, pattern: RegExp, kind: FactKind): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(pattern)) out.push({ kind, start: m.index, end: m.index + m[0].length });
  return out;
}

function findUrls(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const length = trimUrl(m[0]);
    const body = m[0].slice(0, length).replace(/^(?:https?:\/\/|www\.)/i, '');
    if (/[\p{L}\p{N}]/u.test(body)) out.push({ kind: 'url', start: m.index, end: m.index + length });
  }
  return out;
}

function findNames(text: string): Candidate[] {
  const initial = sentenceInitialPositions(text);
  const out: Candidate[] = [];
  for (const m of text.matchAll(NAME_PATTERN)) {
    let start = m.index;
    let run = m[0];
    if (initial.has(start)) {
      const first = FIRST_WORD.exec(run);
      if (first && SENTENCE_STARTERS.has(first[0].trim())) {
        start += first[0].length;
        run = run.slice(first[0].length);
      } else if (!first) {
        continue; // one word at the start of a sentence: capitalised because it starts the sentence
      }
    }
    if (!/\s/u.test(run) && CALENDAR_WORDS.has(run)) continue;
    out.push({ kind: 'name', start, end: start + run.length });
  }
  return out;
}

/** Character positions of the first letter or digit of every sentence. */
function sentenceInitialPositions(text: string): Set<number> {
  const positions = new Set<number>();
  let next = -1; // first letter/digit at or after the last scan's start (ranges ascend): scan once
  for (const [start, end] of sentenceRanges(text)) {
    if (next < start && next !== Number.POSITIVE_INFINITY) {
      ALNUM.lastIndex = start;
      next = ALNUM.exec(text)?.index ?? Number.POSITIVE_INFINITY;
    }
    if (next < end) {
      positions.add(next);
      // A list item ("1. First item"): the first word after the number starts the sentence too.
      LIST_MARKER.lastIndex = next;
      if (LIST_MARKER.test(text)) positions.add(LIST_MARKER.lastIndex);
    }
  }
  return positions;
}
