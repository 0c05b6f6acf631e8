/**
 * An answer reduced to what two answers must share to count as the same: Unicode-normalised (NFKC),
 * lower case, whitespace collapsed, surrounding quotes, backticks, brackets and trailing sentence
 * punctuation removed, and thousands separators dropped from numbers ("1,000" = "1000").
 * "Paris." and " paris" agree; "Paris" and "Lyon" do not.
 */
const EDGE =
  /^[\s"'`\u2018\u2019\u201c\u201d\u00ab\u00bb([{*_]+|[\s"'`\u2018\u2019\u201c\u201d\u00ab\u00bb)\]}*_.!?,;:\u3002]+$/gu;
const THOUSANDS = /(\d),(?=\d{3}\b)/g;
const SPACE = /\s+/g;

export function normalizeAnswer(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().replace(SPACE, ' ');
  let before: string;
  do {
    before = s;
    s = s.replace(EDGE, '');
  } while (s !== before);
  return s.replace(THOUSANDS, '$1');
}
