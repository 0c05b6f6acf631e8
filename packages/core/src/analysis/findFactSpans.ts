/**
 * The critical facts of a text, without tokens: kind and character range [charStart, charEnd). Facts
 * never overlap; where candidates do, the earlier tier wins: URL/e-mail, code, quoted title, date,
 * money, names (people, organisations, places, events, other proper names), number. So "May 1, 2024"
 * is a date, not a name and two numbers, and "Apollo 12" is a name, not a name and a number.
 *
 * URLs, e-mails, code, titles, dates, money and numbers come from the patterns of `factPatterns`.
 * Names come from the name finder installed with `useNameFinder` (the `@tokenscope/core/names` entry
 * installs the natural-language one); without one, no names are found.
 */
import type { FactKind } from './Analysis.js';
import {
  BACKTICK_PATTERN,
  BARE_URL_PATTERN,
  CODE_PATTERN,
  DATE_PATTERN,
  EMAIL_PATTERN,
  isTitleCase,
  MONEY_PATTERN,
  NUMBER_PATTERN,
  QUOTED_PATTERN,
  trimUrl,
  URL_PATTERN,
} from './factPatterns.js';
import { currentNameFinder } from './nameFinder.js';

export interface FactSpan {
  kind: FactKind;
  /** Character range [charStart, charEnd) in the text. */
  charStart: number;
  charEnd: number;
}

/** A number that only numbers a list item ("1. ", "2) " at the start of a line). */
const LIST_MARKER = /(?:^|\n)[ \t]*(\d{1,3})[.)][ \t]/gu;

export function findFactSpans(text: string): FactSpan[] {
  const taken = new Uint8Array(text.length);
  for (const m of text.matchAll(LIST_MARKER)) {
    const start = m.index + m[0].indexOf(m[1]!);
    taken.fill(1, start, start + m[1]!.length);
  }
  const accepted: FactSpan[] = [];
  const accept = (candidates: FactSpan[]) => {
    candidates.sort((a, b) => a.charStart - b.charStart || b.charEnd - a.charEnd);
    for (const c of candidates) {
      if (c.charEnd <= c.charStart || overlapsTaken(taken, c)) continue;
      taken.fill(1, c.charStart, c.charEnd);
      accepted.push(c);
    }
  };
  accept([...findUrls(text), ...matches(text, EMAIL_PATTERN, 'email')]);
  accept([...groupMatches(text, BACKTICK_PATTERN, 'code'), ...matches(text, CODE_PATTERN, 'code')]);
  accept(findTitles(text));
  accept(matches(text, DATE_PATTERN, 'date'));
  accept(matches(text, MONEY_PATTERN, 'money'));
  const names = currentNameFinder();
  if (names) accept(names(text));
  accept(matches(text, NUMBER_PATTERN, 'number'));
  return accepted.sort((a, b) => a.charStart - b.charStart);
}

function overlapsTaken(taken: Uint8Array, c: FactSpan): boolean {
  for (let i = c.charStart; i < c.charEnd; i++) if (taken[i] === 1) return true;
  return false;
}

function matches(text: string, pattern: RegExp, kind: FactKind): FactSpan[] {
  const out: FactSpan[] = [];
  for (const m of text.matchAll(pattern))
    out.push({ kind, charStart: m.index, charEnd: m.index + m[0].length });
  return out;
}

/** The first capture group that matched, as the fact (the inside of quotes or backticks). */
function groupMatches(text: string, pattern: RegExp, kind: FactKind, keep = (_: string) => true): FactSpan[] {
  const out: FactSpan[] = [];
  for (const m of text.matchAll(pattern)) {
    const inside = m.slice(1).find((g) => g !== undefined);
    if (inside === undefined || !keep(inside)) continue;
    const trimmed = inside.trim();
    const start = m.index + m[0].indexOf(inside) + inside.indexOf(trimmed);
    out.push({ kind, charStart: start, charEnd: start + trimmed.length });
  }
  return out;
}

function findTitles(text: string): FactSpan[] {
  return groupMatches(text, QUOTED_PATTERN, 'title', isTitleCase).map((t) => {
    // A title quoted with its sentence's punctuation inside ("Hamlet," in American style).
    const inside = text.slice(t.charStart, t.charEnd);
    const trimmed = inside.replace(/[.,;:!?]+$/u, '');
    return { ...t, charEnd: t.charStart + trimmed.length };
  });
}

function findUrls(text: string): FactSpan[] {
  const out: FactSpan[] = [];
  for (const pattern of [URL_PATTERN, BARE_URL_PATTERN]) {
    for (const m of text.matchAll(pattern)) {
      const length = trimUrl(m[0]);
      const body = m[0].slice(0, length).replace(/^(?:https?:\/\/|www\.)/i, '');
      if (/[\p{L}\p{N}]/u.test(body))
        out.push({ kind: 'url', charStart: m.index, charEnd: m.index + length });
    }
  }
  return out;
}
