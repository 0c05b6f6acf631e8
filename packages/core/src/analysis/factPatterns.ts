/**
 * The patterns `findPatternFacts` looks for, as global Unicode regexes over the response text: URLs,
 * e-mails, code identifiers, quoted titles, dates and times, money and numbers with their units.
 * These kinds have a fixed written form, so patterns find them in any language; names of people,
 * organisations, places and events need a language model (see `findNames`). Each pattern returns raw
 * candidates; the caller resolves overlaps between kinds.
 */

/** http(s):// or www. up to whitespace; trailing punctuation is trimmed by `trimUrl`. */
export const URL_PATTERN = /(?<![\p{L}\p{N}@./])(?:https?:\/\/|www\.)[^\s<>"'`\u201c\u201d]+/giu;

/** A bare domain with a path ("github.com/nodejs/node"): a URL without its scheme. */
export const BARE_URL_PATTERN =
  /(?<![\p{L}\p{N}@./-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|ai|gov|edu|int|co|app)\/[^\s<>"'`\u201c\u201d]*/giu;

export const EMAIL_PATTERN =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}@])/gu;

/** Inline code between single backticks (group 1 is the code without its backticks). */
export const BACKTICK_PATTERN = /(?<!`)`([^`\n]+)`(?!`)/gu;

/**
 * Code identifiers outside backticks: calls ("foo.bar()", "print(x)"), snake_case and SCREAMING_CASE,
 * camelCase (two lower-case letters before the first capital, so "iPhone" and "macOS" are not),
 * dotted paths of 3+ parts ("os.path.join"), file names with a source extension, `--flags`, and
 * PascalCase error classes ("SyntaxError").
 */
export const CODE_PATTERN = new RegExp(
  [
    '[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*\\([^()\\n]{0,40}\\)',
    '[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+',
    '(?<!\\d\\s?)[a-z][a-z0-9]+(?:[A-Z][a-z0-9]+)+',
    '[a-z_][\\w$]*(?:\\.[a-z_][\\w$]*){2,}',
    '[\\w-]+\\.(?:js|mjs|cjs|ts|tsx|jsx|py|json|ya?ml|toml|md|txt|csv|html|css|sh|rs|go|java|cpp|rb|php|sql|ini|xml|env)',
    '--[a-z][\\w-]*',
    '[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception|Warning)',
  ]
    .map((p) => `(?<![\\p{L}\\p{N}_.$-])(?:${p})(?![\\p{L}\\p{N}_$])`)
    .join('|'),
  'gu',
);

/**
 * A quoted or italic span ("…", “…”, «…», „…“, *…*, _…_); group 1 is the inside. `isTitleCase`
 * decides whether it is a title.
 */
export const QUOTED_PATTERN =
  /(?:"([^"\n]{1,80})"|\u201c([^\u201d\n]{1,80})\u201d|\u00ab\s?([^\u00bb\n]{1,80}?)\s?\u00bb|\u201e([^\u201c\u201d\n]{1,80})[\u201c\u201d]|(?<![*\w])\*([^*\n]{1,80})\*(?![*\w])|(?<![_\w])_([^_\n]{1,80})_(?![_\w]))/gu;

const SMALL_WORDS = new Set(
  'a an the and or nor but of in on at to for with by from as vs de la le les des du et y el los las del di da e und der die das von zu'.split(
    ' ',
  ),
);

/** True for a title such as "The Old Man and the Sea": every word capitalised or a number, except small words. */
export function isTitleCase(inside: string): boolean {
  const words = inside.trim().split(/\s+/u);
  if (words.length === 0 || words.length > 12) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(words[0]!)) return false;
  return words.every((w) => /^[\p{Lu}\p{N}'"(]/u.test(w) || SMALL_WORDS.has(w.toLowerCase()));
}

const MONTHS_EN =
  'January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const MONTHS_OTHER =
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|' +
  'Januar|Februar|März|Juni|Juli|Oktober|Dezember|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|' +
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre';
const MONTH = `(?:${MONTHS_EN}|${MONTHS_OTHER})(?![\\p{L}])`;
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const DAY_NUMBER = '(?:[12]\\d|3[01]|0?[1-9])';
const DAY = `${DAY_NUMBER}(?:st|nd|rd|th)?`;
/** A day before its month may end in "er" (1er mai) or a dot (9. November). */
const DAY_FIRST = `${DAY_NUMBER}(?:st|nd|rd|th|er|\\.)?`;
const YEAR = '\\d{4}';
const ISO =
  '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const NUMERIC =
  '(?:\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})|\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{1,2}-\\d{1,2}-\\d{4}|\\d{4}/\\d{1,2}/\\d{1,2})';
const YEAR_CONTEXT =
  '(?<=(?:^|[^\\p{L}])(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Tt]o|[Dd]uring|[Bb]efore|[Aa]fter|[Aa]round|[Cc]irca|[Yy]ear|of|early|late|mid|[Tt]hrough|[Bb]etween|and|en|im Jahr|nel|de|le)\\s)(?:1\\d{3}|20\\d{2})';
/** A year not followed by a lower-case noun ("the 1889 World's Fair", "in 1889." but not "1889 steps"). */
const BARE_YEAR =
  '(?<![$\u20ac\u00a3\u00a5.,:/-])(?:1[0-9]\\d{2}|20\\d{2})(?![.,]\\d|\\s?%|\\s(?!(?:to|and|or|until|till|through|when|while|with|after|before|at|in|on|for|by|from|the|a|an|that|which|is|was|were|had|has|saw|it|as)\\b)[\\p{Ll}])';
const TIME =
  '(?:[01]?\\d|2[0-3]):[0-5]\\d(?:\\s?(?:[ap]\\.m\\.|[AaPp][Mm]))?(?:\\s(?:UTC|GMT|CET|CEST|[ECMP][SD]T))?(?![:\\d])';
const CLOCK = '(?:1[0-2]|0?[1-9])\\s?(?:[ap]\\.m\\.|[AaPp][Mm])(?![\\p{L}])';
const ERA = '\\d{1,4}\\s?(?:AD|BC|BCE|CE)(?![\\p{L}])|AD\\s\\d{1,4}';
const CENTURY =
  '(?:\\d{1,2}(?:st|nd|rd|th|e)|first|second|third|fourth|fifth)\\s+(?:century|centuries|siècle)|\\d{1,2}\\.\\s?Jahrhundert|[XVI]{2,5}\\s+(?:secolo|siglo|siècle)';
const DECADE = "(?:1\\d|20)\\d0s|'\\d0s";
const MONTH_ALONE =
  '(?<=(?:^|[^\\p{L}])(?:in|every|each|since|by|until|from|last|next|early|late|mid|of|en|im|dans)\\s)(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![\\p{L}])';

/** Dates and times: ISO, numeric, "May 1, 2024", "Friday, March 8", "1 May 2024", "9. November 1989",
 * "12 de octubre de 1492", "October 2023", years, "117 AD", "18th century", "1990s", "14:32 UTC", "3 p.m.". */
export const DATE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ISO}|${NUMERIC}|(?:${WEEKDAY},?\\s+)?${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\p{N}])|${DAY_FIRST}\\s+(?:of\\s+|de\\s+)?${MONTH}(?:,?\\s+(?:de\\s+)?${YEAR})?|${MONTH},?\\s+${YEAR}|${ERA}|${CENTURY}|${DECADE}|${TIME}|${CLOCK}|${YEAR_CONTEXT}|${BARE_YEAR}|${MONTH_ALONE})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** A number: thousands with , . or a (thin) space, a decimal part with . or ,. */
const NUM =
  '[-\u2212+]?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?:\\.\\d{3})+(?![.,]?\\d)|\\d{1,3}(?:[ \u00a0\u202f]\\d{3})+(?![.,]?\\d)|\\d+(?:[.,]\\d+)?)';
const WORD_NUM =
  '(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)';
const MAGNITUDE =
  '(?:thousand|million|billion|trillion|millions?|milliards?|millones|mil millones|milioni|miliardi|Millionen|Milliarden|bn|mn)(?![\\p{L}])';
const CURRENCY_WORD =
  '(?:(?:de\\s)?(?:dollars?|euros?|pounds sterling|yen|francs?|dólares|USD|EUR|GBP|JPY|CHF|CNY))(?![\\p{L}])';
const UNIT =
  '(?:%|percent|per cent|percentage points?|°\\s?[CF]|' +
  '(?:square\\s|cubic\\s)?(?:kilo|centi|milli)?(?:met(?:er|re)s?|mètres?|Metern?|metros?|metri)|' +
  'km\\/h|km²|m²|mph|m\\/s|(?:km|cm|mm|nm|µm|kg|mg|µg|g|t|lbs?|oz|ft|mi|m|L|ml|mL|GB|MB|KB|TB|GHz|MHz|Hz|kW|MW|GW|kWh|W|V|mAh|mmHg|bpm|kcal|cal|AU|ms|µs|ns|px|pt|dB)|' +
  'miles?|feet|foot|inch(?:es)?|tonnes?|tons?|litres?|liters?|grams?|kilograms?|light-years?|hectares?|acres?|degrees?|' +
  'seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|' +
  'ans|mois|jours|heures|Kilometern?|Jahren?|Tagen?|Stunden|años|días|horas|anni|giorni|ore)(?![\\p{L}\\p{N}])';
const RATE = `(?:\\s(?:per|a|par|pro|por|al)\\s(?:${UNIT}|day|jour|Tag|día|year|week|hour|minute|second|night)|\\/(?:day|year|h|s))?`;

/** Money: a currency symbol or code before or a currency word after, with magnitudes ("$4.2 billion",
 * "€15", "29,40 €", "2.5 million dollars", "11.076 millones de euros"). */
export const MONEY_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:US\\$|A\\$|C\\$|[$\u20ac\u00a3\u00a5\u20b9\u20a9\u20bd\u20ba\u20aa])\\s?${NUM}(?:\\s?${MAGNITUDE}|[kKMBT](?![\\p{L}\\p{N}]))?|${NUM}(?:\\s${MAGNITUDE})?\\s?(?:[$\u20ac\u00a3\u00a5]|${CURRENCY_WORD}))(?![\\p{N}])`,
  'gu',
);

/** Numbers with their magnitude and unit: "324 metres", "12 %", "1.5 million km", "200 to 400 mg",
 * "3–1", "27-kilometre", "four months", "1:59:40". A bare number is a number too; "one" is not (in
 * "one day", "one of them" it counts nothing). */
export const NUMBER_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}\\p{M}_])(?<!\\d[.,])(?<!\\p{L}-)(?:\\d{1,2}:\\d{2}:\\d{2}|(?:${NUM}|${WORD_NUM})(?:(?:\\s?[\u2013-]\\s?|\\s(?:to|à|bis|a)\\s)${NUM}(?![.,]\\d))?(?:\\s${MAGNITUDE})?(?:\\s?(?:${UNIT})${RATE}|-${UNIT}|\\/\\d+\\s(?:${UNIT})|[kKMBT](?![\\p{L}\\p{N}]))?)(?![\\p{L}\\p{N}])`,
  'giu',
);

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const TRAILING = /[.,;:!?'"\u2019\u201d*_]/;

/** Length of `url` without trailing punctuation (and without a closing bracket it did not open). */
export function trimUrl(url: string): number {
  const balance: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  for (const ch of url) {
    if (ch in balance) balance[ch]!++;
    const opener = CLOSERS[ch];
    if (opener !== undefined) balance[opener]!--;
  }
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1]!;
    const opener = CLOSERS[ch];
    if (TRAILING.test(ch)) end--;
    else if (opener !== undefined && balance[opener]! < 0) {
      balance[opener]!++;
      end--;
    } else break;
  }
  return end;
}
