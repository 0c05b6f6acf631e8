/**
 * The patterns `findCriticalFacts` looks for, as global Unicode regexes over the response text:
 * URLs, emails, dates, numbers and capitalised names. Each returns raw candidates; overlaps between
 * kinds are resolved by the caller (URL/email > date > number > name).
 */

/** http(s):// or www. up to whitespace; trailing punctuation is trimmed by `trimUrl`. */
export const URL_PATTERN = /(?<![\p{L}\p{N}@./])(?:https?:\/\/|www\.)[^\s<>"'`\u201c\u201d]+/giu;

export const EMAIL_PATTERN =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}@])/gu;

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)(?![\\p{L}])';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '\\d{4}';
const ISO =
  '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const NUMERIC =
  '(?:\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})|\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{1,2}-\\d{1,2}-\\d{4}|\\d{4}/\\d{1,2}/\\d{1,2})';
const YEAR_CONTEXT =
  '(?<=(?:^|[^\\p{L}])(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Aa]round|[Cc]irca|[Yy]ear|of|early|late|mid|[Tt]hrough)\\s)(?:1\\d{3}|20\\d{2})';

/** ISO and numeric dates, "May 1, 2024", "1 May 2024", "October 2023", and years after "in", "since", ... */
export const DATE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ISO}|${NUMERIC}|${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?|${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?|${MONTH},?\\s+${YEAR}|${YEAR_CONTEXT})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Integers, decimals, thousands separators, percentages, currency ($1,200.50), magnitudes ($3M); "3.5 kg" gives 3.5. */
export const NUMBER_PATTERN =
  /(?<![\p{L}\p{N}\p{M}_])(?<!\d[.,])(?<!\p{L}-)(?:[-\u2212+](?=[$\u20ac\u00a3\u00a5\u20b9]?\d))?[$\u20ac\u00a3\u00a5\u20b9]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|(?:[kKMBT]|bn)(?![\p{L}\p{N}]))?(?!\p{N})/gu;

const PREFIX = '(?:(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Sen|Rep|Gov|Pres|Capt|Lt)\\.|(?:\\p{Lu}\\.)+)';
/** A capitalised word of 2+ letters (Duda, NASA, O'Brien, Jean-Luc): single letters like I and A are not. */
const CAPITALISED = "\\p{Lu}(?:['\u2019]\\p{Lu})?[\\p{L}\\p{M}]+(?:-\\p{Lu}[\\p{L}\\p{M}]*)*";
const NAME_WORD = `(?:${PREFIX}[ \\t]+)*${CAPITALISED}`;

/** A run of capitalised words on one line, titles and initials included ("Dr. Smith", "John F. Kennedy"). */
export const NAME_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}\\p{M}'\u2019.-])${NAME_WORD}(?:[ \\t]${NAME_WORD})*(?![\\p{L}\\p{N}\\p{M}])`,
  'gu',
);

/** Capitalised only because they start a sentence: dropped from the front of a sentence-initial run. */
export const SENTENCE_STARTERS = new Set(
  (
    'The A An This That These Those In On At For From To By With Without But And Or So If When While After ' +
    'Before Since As Although Though Because Yes No Today Yesterday Tomorrow Then Also However Therefore ' +
    'My Our Your His Her Their Its We You He She They It There Here What Who Where Why How Which Dear ' +
    'Hello Hi Thanks Please Visit See Note Meanwhile Finally First Second Third Next Once Every Each ' +
    'Some Many Most All Both According Unlike Like During Until Under Over Between Among About Ask Call ' +
    'Contact Email Mail Use Try Let Now Well Sure Of Not'
  ).split(' '),
);

/** Single words that look like names but are calendar words. */
export const CALENDAR_WORDS = new Set(
  (
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
  ).split(' '),
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
