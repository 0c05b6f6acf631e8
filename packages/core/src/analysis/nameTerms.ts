/**
 * The words of a text as compromise tags them, with their character ranges, what separates each from
 * the next, and whether capitals say anything there (not at the start of a sentence, a line, a list
 * item, a quotation, a markdown heading or a bold label, nor anywhere in a German sentence).
 */
import nlp from 'compromise';

export const CAPITAL = /^\p{Lu}/u;

export interface Term {
  text: string;
  tags: Set<string>;
  start: number;
  end: number;
  /** What separates this term from the next one (compromise's post + the next pre). */
  gap: string;
  initial: boolean;
  /** The same word is capitalised in the middle of a sentence elsewhere in the text. */
  seenInside: boolean;
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

export function termsOf(text: string): Term[] {
  const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as Array<{
    terms: CompromiseTerm[];
  }>;
  const out: Term[] = [];
  const inHeading = headingLocator(text);
  let cursor = 0;
  for (const sentence of sentences) {
    const nounsCapitalised = isGerman(sentence.terms);
    sentence.terms.forEach((raw, index) => {
      if (raw.text === '') return;
      // compromise's offsets index the original text; check, and search from the cursor if not.
      let start = raw.offset.start;
      if (text.slice(start, start + raw.text.length) !== raw.text) start = text.indexOf(raw.text, cursor);
      if (start < 0) return;
      cursor = start + raw.text.length;
      const previous = out.at(-1);
      const lineStart = previous === undefined || /[\n:]/u.test(previous.gap) || isListMarker(previous);
      out.push({
        text: raw.text,
        tags: new Set(raw.tags),
        start,
        end: cursor,
        gap: raw.post,
        initial:
          index === 0 ||
          nounsCapitalised ||
          lineStart ||
          /["\u201c(\u00ab]/u.test(raw.pre) ||
          inHeading(start),
        seenInside: false,
      });
      if (previous) previous.gap = text.slice(previous.end, start);
    });
  }
  const inside = new Set(out.filter((t) => !t.initial && CAPITAL.test(t.text)).map((t) => t.text));
  for (const t of out) t.seenInside = inside.has(t.text);
  return out;
}

/** Frequent German function words (not ones English, French or Spanish share: die, war, am, des, es):
 * German capitalises every noun, so capitals say nothing in a German sentence. */
const GERMAN = new Set(
  'der das den dem und ist sind wurde wurden wird hat haben nicht mit von zu zum zur für auf im ein eine einer eines ich sie wir ihr ihre ihren ihnen sich auch oder aber dass sehr noch schon hier bei nach aus'.split(
    ' ',
  ),
);

/** True for a sentence of which at least a fifth of the words (and two) are German function words. */
function isGerman(terms: readonly CompromiseTerm[]): boolean {
  const hits = terms.filter((t) => GERMAN.has(t.text.toLowerCase())).length;
  return hits >= 2 && hits * 5 >= terms.length;
}

/** Markdown headings and bold labels ("## Visiting Tips", "**Key Facts:**"): title case says nothing there. */
const HEADING =
  /^[ \t]*(?:#{1,6}[ \t][^\n]*|(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*[^*\n]+\*\*|__[^_\n]+__))/gmu;

/** Whether a character position lies in a heading or bold label. */
function headingLocator(text: string): (position: number) => boolean {
  const mask = new Uint8Array(text.length);
  for (const m of text.matchAll(HEADING)) mask.fill(1, m.index, m.index + m[0].length);
  return (position) => mask[position] === 1;
}

/** "1." or "2)" numbering a list item: the word after it starts the item. */
function isListMarker(t: Term): boolean {
  return t.initial && (/^\d{1,3}$/u.test(t.text) ? /^[.)][ \t]/u.test(t.gap) : /^\d{1,3}\)$/u.test(t.text));
}
