/**
 * Names of people, organisations, places and events, and other proper names (products, missions,
 * models), found with compromise (https://github.com/spencermountain/compromise), a rule-based
 * English tagger with a lexicon of names that runs in the browser. compromise tags every word (Verb,
 * Noun, ProperNoun, Person, Place, Organization, Value, ...); this module joins the proper-noun words
 * into names and gives each a kind:
 *
 * - A word is part of a name when compromise tags it a person, place or organisation, or a proper
 *   noun or acronym (common acronyms such as API and DNA excepted); a capitalised noun or adjective
 *   counts too, except at the start of a sentence or list item, where capitals say nothing: there a
 *   word the lexicon does not know starts a name only when another name word follows ("Compagnie des
 *   Établissements Eiffel"). So "Thank", "Sure" or "However" (a verb, adjective, conjunction) never are.
 * - Names run over hyphens, initials and honorifics ("Dr. Sarah Chen", "J. K. Rowling"), particles
 *   between name words ("Bank of America", "Leonardo da Vinci", "Rio de Janeiro") and a number or
 *   Roman numeral right after ("Apollo 12", "World War II", "Python 3.12"); a possessive 's at the
 *   end is dropped ("Gustave Eiffel's" gives "Gustave Eiffel"; "World's Fair" keeps its own).
 * - The kind comes from the name's head word (Fair, War, Olympics: event; University, Bank, Inc:
 *   organization; River, Mount, Tower: place; Treaty, Symphony: title), else from compromise's tags
 *   (a first name or honorific: person; Organization; Place; Person), else `name`.
 */
import nlp from 'compromise';
import type { FactKind } from './Analysis.js';
import type { FactSpan } from './findFactSpans.js';
import { CAPITAL, type Term, termsOf } from './nameTerms.js';
import {
  CELESTIAL,
  COMMON_ACRONYMS,
  COMPANY_VERBS,
  EVENT_FIRST,
  EVENT_LAST,
  FOREIGN_FUNCTION_WORDS,
  LOCATIVE,
  ORG_FIRST,
  ORG_LAST,
  PARTICLES,
  PLACE_FIRST,
  PLACE_LAST,
  THING_LAST,
  TITLE_FIRST,
  TITLE_LAST,
} from './nameWords.js';

const NAME_TAGS = ['ProperNoun', 'Person', 'Place', 'Organization', 'FirstName', 'LastName'];
const NEVER_TAGS = [
  'Pronoun',
  'Month',
  'WeekDay',
  'Determiner',
  'Preposition',
  'Conjunction',
  'Modal',
  'Date',
];
const CAPITALISED_TAGS = ['Noun', 'Adjective', 'ProperNoun', 'Acronym', 'Abbreviation'];

let lexicon: Record<string, unknown> | undefined;
function known(word: string): boolean {
  lexicon ??= (nlp.world() as { model: { one: { lexicon: Record<string, unknown> } } }).model.one.lexicon;
  return lexicon[word.toLowerCase()] !== undefined;
}

const has = (t: Term, tags: readonly string[]) => tags.some((tag) => t.tags.has(tag));
const NUMBER_WORD = /^(?:\d+(?:\.\d+)*|[IVXLC]+)$/u;
const INITIAL_OR_ABBREVIATION =
  /^(?:\p{Lu}|Dr|Mr|Mrs|Ms|Prof|St|Mt|Jr|Sr|Gen|Sen|Gov|Capt|Lt|Inc|Co|Corp|Ltd)$/u;

/** The names in `text`, each with its kind and character range; not overlapping, in text order. */
export function findNames(text: string): FactSpan[] {
  const terms = termsOf(text);
  const out: FactSpan[] = [];
  let i = 0;
  while (i < terms.length) {
    const t = terms[i]!;
    const sure = isNameWord(t) || titleStartsName(t, terms[i + 1]);
    const tentative = !sure && startsNameAtSentenceStart(t);
    if (!sure && !tentative) {
      i++;
      continue;
    }
    // Grow the name: name words, particles between name words, then one number.
    let last = i;
    let words = 1;
    let j = i + 1;
    while (j < terms.length && joins(terms[j - 1]!)) {
      const next = terms[j]!;
      if (isNameWord(next) || continuesName(next)) {
        last = j;
        words++;
        j++;
      } else if (particleJoins(terms[j - 1]!, next) && j + 1 < terms.length && joins(next)) {
        // "of the" joins too: look past up to two particles for a name word.
        let k = j + 1;
        if (PARTICLES.has(terms[k]!.text) || terms[k]!.text === 'the') k++;
        const after = terms[k];
        if (after && (isNameWord(after) || continuesName(after)) && terms.slice(j, k).every(joins)) {
          last = k;
          words++;
          j = k + 1;
        } else break;
      } else if (
        NUMBER_WORD.test(next.text) &&
        has(next, ['Value']) &&
        !/^\d{4}$/u.test(next.text) &&
        !(joins(next) && terms[j + 1] !== undefined && has(terms[j + 1]!, ['Plural']))
      ) {
        last = j;
        words++;
        break;
      } else break;
    }
    const second = terms[i + 1];
    if (
      tentative &&
      (words < 2 ||
        !second ||
        !(isNameWord(second) || continuesName(second) || NUMBER_WORD.test(second.text)))
    ) {
      i++;
      continue;
    }
    // "Warren Buffett's Berkshire Hathaway": a person's possessive ends the person's name.
    for (let k = i; k < last; k++) {
      if (
        has(terms[k]!, ['Possessive']) &&
        last - k >= 2 &&
        terms.slice(i, k + 1).some((w) => has(w, ['FirstName', 'Honorific']))
      ) {
        pushSpan(out, text, terms, i, k + 1);
        i = k + 1;
        break;
      }
    }
    pushSpan(out, text, terms, i, last + 1);
    i = last + 1;
  }
  return out;
}

function pushSpan(out: FactSpan[], text: string, terms: Term[], from: number, to: number): void {
  let words = terms.slice(from, to);
  // A leading article is not part of the name ("The Beatles", "La Banque de France").
  while (
    words.length > 1 &&
    (has(words[0]!, ['Determiner']) ||
      /^(?:The|the)$/u.test(words[0]!.text) ||
      (words[0]!.initial && FOREIGN_FUNCTION_WORDS.has(words[0]!.text)))
  )
    words = words.slice(1);
  if (words.length === 1 && has(words[0]!, ['Demonym'])) return; // "Japanese", "French"
  const span = nameSpan(text, words);
  if (!span) return;
  if (span.kind === 'name') span.kind = kindFromContext(words, terms[from - 1], terms[from - 2], terms[to]);
  out.push(span);
}

/**
 * The kind of a one-word name that neither its head nor compromise's tags tell: after "by" or
 * "according to", or before a company verb ("Apple reported"), an organisation; after a locative
 * preposition ("at Scutari"), a place.
 */
function kindFromContext(words: Term[], before?: Term, beforeThat?: Term, after?: Term): FactKind {
  if (words.length !== 1) return 'name';
  if (/^\p{Lu}{2,6}$/u.test(words[0]!.text)) return 'organization'; // an acronym: NASA, CERN, FIFA
  const prev = before?.text.toLowerCase();
  if (prev === 'by' || (prev === 'to' && beforeThat?.text.toLowerCase() === 'according'))
    return 'organization';
  if (after && COMPANY_VERBS.has(after.text.toLowerCase())) return 'organization';
  if (prev !== undefined && LOCATIVE.has(prev)) return 'place';
  return 'name';
}

/** A capitalised word inside a name that compromise tags otherwise ("Fair" in "World's Fair"). */
function continuesName(t: Term): boolean {
  return CAPITAL.test(t.text) && !t.initial && !has(t, NEVER_TAGS) && !COMMON_ACRONYMS.has(t.text);
}

/** Particles join name words; "in" only after a prize ("Nobel Prize in Physics"), "the" only after a
 * first name ("William the Conqueror"). */
function particleJoins(before: Term, particle: Term): boolean {
  if (PARTICLES.has(particle.text)) return true;
  if (particle.text === 'in') return /^(?:Prize|Award|Medal)$/u.test(before.text);
  if (particle.text === 'the') return has(before, ['FirstName']);
  return false;
}

/** True when nothing but a space, a hyphen, an apostrophe or an initial's dot separates t from the next term. */
function joins(t: Term): boolean {
  if (/^[ \t]*$|^-$/u.test(t.gap)) return true;
  return /^\.[ \t]+$/u.test(t.gap) && INITIAL_OR_ABBREVIATION.test(t.text);
}

function isNameWord(t: Term): boolean {
  if (has(t, NEVER_TAGS) && !has(t, ['Person', 'Place', 'Organization'])) return false;
  if (!/\p{Lu}/u.test(t.text)) return false;
  if (COMMON_ACRONYMS.has(t.text.replace(/['\u2019]s$/u, ''))) return false;
  if (t.initial && FOREIGN_FUNCTION_WORDS.has(t.text)) return false;
  if (has(t, ['Actor']) && !has(t, ['Person', 'Honorific', 'Place', 'Organization', 'LastName']))
    return false;
  if (CELESTIAL.has(t.text)) return true;
  if (has(t, ['Person', 'Place', 'Organization', 'FirstName', 'LastName', 'Honorific'])) return true;
  if (t.initial) return t.seenInside && has(t, CAPITALISED_TAGS);
  if (!CAPITAL.test(t.text)) return has(t, NAME_TAGS); // "iPhone", "eBay"
  return has(t, CAPITALISED_TAGS) || /\d/u.test(t.text);
}

/** A role noun starts a name only before another name word ("Champions League", not "President of"). */
function titleStartsName(t: Term, next: Term | undefined): boolean {
  return (
    next !== undefined &&
    !t.initial &&
    CAPITAL.test(t.text) &&
    has(t, ['Actor']) &&
    joins(t) &&
    isNameWord(next)
  );
}

/** A capitalised word the lexicon does not know at the start of a sentence: maybe a name. */
function startsNameAtSentenceStart(t: Term): boolean {
  return (
    t.initial &&
    CAPITAL.test(t.text) &&
    has(t, ['Noun', 'Adjective']) &&
    !has(t, NEVER_TAGS) &&
    !FOREIGN_FUNCTION_WORDS.has(t.text) &&
    (has(t, ['Demonym']) || !known(t.text.replace(/['\u2019]s$/u, '')))
  );
}

function nameSpan(text: string, words: Term[]): FactSpan | null {
  while (words.length > 0 && has(words[0]!, ['Honorific']) && words.length === 1) return null;
  const first = words[0]!;
  const last = words.at(-1)!;
  let end = last.end;
  const possessive = /['\u2019]s?$/u.exec(text.slice(first.start, end));
  if (possessive && /['\u2019]/u.test(last.text)) end -= possessive[0].length;
  // An abbreviation's dot belongs to the name ("Martin Luther King Jr.", "Apple Inc.").
  if (text[end] === '.' && /^(?:Jr|Sr|Inc|Co|Corp|Ltd|St)$/u.test(last.text)) end++;
  const headOf = (t: Term) => t.text.replace(/['\u2019]s?$/u, '');
  return { kind: kindOf(words, headOf(first), headOf(last)), charStart: first.start, charEnd: end };
}

function kindOf(words: Term[], first: string, last: string): FactKind {
  // The head: the last word before a particle ("Great Wall" of China), numbers aside ("Apollo" 12).
  const particle = words.findIndex((w, i) => i > 0 && !CAPITAL.test(w.text) && !NUMBER_WORD.test(w.text));
  const headWords = (particle > 0 ? words.slice(0, particle) : words).filter(
    (w) => !NUMBER_WORD.test(w.text),
  );
  const head = headWords.at(-1)?.text.replace(/['\u2019]s?$/u, '') ?? last;
  if (THING_LAST.has(head)) return 'name';
  if (EVENT_LAST.has(head) || EVENT_FIRST.has(first)) return 'event';
  if (TITLE_LAST.has(head) || TITLE_FIRST.has(first)) return 'title';
  if (ORG_LAST.has(head) || ORG_FIRST.has(first)) return 'organization';
  if (PLACE_LAST.has(head) || PLACE_FIRST.has(first) || (words.length === 1 && CELESTIAL.has(head)))
    return 'place';
  for (const part of [headWords, words]) {
    const any = (tags: string[]) => part.some((w) => has(w, tags));
    if (any(['FirstName', 'Honorific'])) return 'person';
    if (any(['Organization'])) return 'organization';
    if (any(['Place'])) return 'place';
    if (any(['Person'])) return 'person';
  }
  return 'name';
}
