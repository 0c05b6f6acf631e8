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

interface Term {
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
/** Acronyms of common things, not names. */
const COMMON_ACRONYMS = new Set(
  (
    'API APIs HTTP HTTPS URL URLs JSON XML HTML CSS SQL CPU GPU RAM ROM AI ML LLM PDF USB DNA RNA IPO CEO CFO ' +
    'CTO GDP UTC GMT FAQ OK TV ID IP OS UI UX SDK CLI IDE PhD BMI ICU MRI HIV ATM PIN SMS GPS VPN DIY ETA ' +
    'FYI ASAP AM PM TL DR NB PS I GB MB KB TB GHz MHz'
  ).split(' '),
);
/** Articles and other function words of French, Spanish, Italian and German that start sentences. */
const FOREIGN_FUNCTION_WORDS = new Set(
  "La Le Les L' El Los Las Il Lo Gli Un Une Una Ein Eine Der Die Das Dem Den Des Im Am Vom Zum Zur".split(
    ' ',
  ),
);
/** Sun, Moon and planets: places in the gold standard's sense, unknown to compromise as such. */
const CELESTIAL = new Set('Sun Moon Earth Mercury Venus Mars Jupiter Saturn Uranus Neptune Pluto'.split(' '));
/** Lower-case words that join two name words ("Bank of America", "Rio de Janeiro"). */
const PARTICLES = new Set(
  'of of-the for de des du da di del della dei van von der den la le y do dos das al el'.split(' '),
);
const EVENT_LAST = new Set(
  (
    'Fair War Wars Olympics Games Cup Championship Championships Revolution Exposition Exhibition Expo ' +
    'Festival Summit Conference Congress Crisis Marathon Prix Bowl Series Olympiad Tournament Rebellion ' +
    'Uprising Massacre Pandemic Expedition March Slam Open Prize Award Awards Forum Fire League Tour Medal'
  ).split(' '),
);
const EVENT_FIRST = new Set('Battle Siege Tour Nobel Academy Coupe Exposition Expo'.split(' '));
/** Heads of names of things: instruments, vehicles, programs. */
const THING_LAST = new Set('Telescope Collider Rover Probe Satellite Web'.split(' '));
const TITLE_LAST = new Set(
  'Address Carta Symphony Manifesto Accords Accord Concerto Sonata Requiem'.split(' '),
);
const TITLE_FIRST = new Set('Treaty Declaration Charter Constitution'.split(' '));
const ORG_LAST = new Set(
  (
    'Inc Inc. Corp Corp. Ltd Ltd. LLC PLC GmbH AG SA Co. Company University Institute Foundation Bank ' +
    'Association Agency Press Reserve Fund Clinic Hospital Museum Council Committee Party Group Capital ' +
    'Brothers Nations Organization Organisation Union College School Society Academy Ministry Department ' +
    'Commission Court Prevention Airlines Motors Records Studios Network Times Post Journal FC Club Federation'
  ).split(' '),
);
const ORG_FIRST = new Set(
  'University Universidad Université Universität Bank Banco Banque Compagnie Société Centers Ministry FC'.split(
    ' ',
  ),
);
const PLACE_LAST = new Set(
  (
    'River Lake Ocean Sea Desert Island Islands Bridge Tower Canyon Crater Ridge Strait Wall Street Lane ' +
    'Avenue Road City Empire Kingdom Republic Reef Valley Bay Park Square Palace Cathedral House Mountains ' +
    'Mountain Peninsula Coast Gulf Channel Falls Airport Station Riviera Coast Basin Glacier Range Africa ' +
    'America Asia Europe Garden Gardens Castle Temple Abbey Statue Monument Square'
  ).split(' '),
);
const PLACE_FIRST = new Set(
  'Mount Mt. Lake Strait Gulf Cape Isle Río Rio Mont Lago Monte Saint St.'.split(' '),
);

let lexicon: Record<string, unknown> | undefined;
function known(word: string): boolean {
  lexicon ??= (nlp.world() as { model: { one: { lexicon: Record<string, unknown> } } }).model.one.lexicon;
  return lexicon[word.toLowerCase()] !== undefined;
}

const has = (t: Term, tags: readonly string[]) => tags.some((tag) => t.tags.has(tag));
const CAPITAL = /^\p{Lu}/u;
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

const LOCATIVE = new Set('in at near from into across through towards toward'.split(' '));
/** Verbs whose subject is usually a company ("Apple reported", "Pfizer announced"). */
const COMPANY_VERBS = new Set(
  'reported announced acquired raised employs employed delivered released launched filed sued hired said reports announces acquires'.split(
    ' ',
  ),
);

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
  if (/^[ \t]*$|^-$/u.test(t.gap)) return t.gap.length > 0 || true;
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

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

function termsOf(text: string): Term[] {
  const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as Array<{
    terms: CompromiseTerm[];
  }>;
  const out: Term[] = [];
  const inHeading = headingLocator(text);
  let cursor = 0;
  for (const sentence of sentences) {
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
        initial: index === 0 || lineStart || /["\u201c(\u00ab]/u.test(raw.pre) || inHeading(start),
        seenInside: false,
      });
      if (previous) previous.gap = text.slice(previous.end, start);
    });
  }
  const inside = new Set(out.filter((t) => !t.initial && CAPITAL.test(t.text)).map((t) => t.text));
  for (const t of out) t.seenInside = inside.has(t.text);
  return out;
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
