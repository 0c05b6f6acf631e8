import { InvalidJsonError } from '../errors/InvalidJsonError.js';
import { NestingTooDeepError } from '../errors/NestingTooDeepError.js';
import { findJsonError, type JsonErrorSite } from './findJsonError.js';
import { MAX_JSON_DEPTH } from './nestingDepth.js';

/** What `tryParseJson` found. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; site: JsonErrorSite; text: string };

const PYTHON_CONSTANTS: ReadonlyArray<[string, string]> = [
  ['-Infinity', '"-inf"'],
  ['Infinity', '"inf"'],
  ['NaN', '"NaN"'],
];

/**
 * Parses one JSON value. When the plain parse fails, Python's `json.dumps` constants outside strings
 * (`NaN`, `Infinity`, `-Infinity`) are turned into the strings "NaN", "inf", "-inf" and the parse is
 * retried, so that `normalizeLogprob` can report NaN by path and treat `-inf` as a sentinel.
 */
export function tryParseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // fall through to the tolerant parse
  }
  const relaxed = replacePythonConstants(text);
  if (relaxed !== null) {
    try {
      return { ok: true, value: JSON.parse(relaxed) };
    } catch {
      // report the error on the relaxed text: the constants are not the problem
    }
  }
  const scanned = relaxed ?? text;
  return { ok: false, site: findJsonError(scanned), text: scanned };
}

/** Parses one JSON value or throws `InvalidJsonError` with the 1-based line and an excerpt. */
export function parseJsonText(text: string, firstLine = 1): unknown {
  const result = tryParseJson(text);
  if (result.ok) return result.value;
  throw jsonErrorAt(result.text, result.site, firstLine);
}

/**
 * The error for a syntax error at `site` in `text`, whose first line is `firstLine`: an
 * `InvalidJsonError`, or a `NestingTooDeepError` (at the line where the nesting passes the limit).
 */
export function jsonErrorAt(
  text: string,
  site: JsonErrorSite,
  firstLine: number,
): InvalidJsonError | NestingTooDeepError {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < site.offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  if (site.depth !== undefined) return new NestingTooDeepError(MAX_JSON_DEPTH, site.depth, line);
  return new InvalidJsonError(`${site.reason} near ${excerpt(text, lineStart, site.offset)}`, line);
}

/** A short excerpt of the line that starts at `lineStart`, around `offset`. */
function excerpt(text: string, lineStart: number, offset: number): string {
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, offset - 30);
  const to = Math.min(lineEnd, Math.max(offset + 30, from + 60));
  const body = text.slice(from, to).replace(/\r$/, '');
  return `${from > lineStart ? '...' : ''}${JSON.stringify(body)}${to < lineEnd ? '...' : ''}`;
}

/** `text` with Python's bare constants quoted, or null when it holds none outside strings. */
function replacePythonConstants(text: string): string | null {
  if (!/NaN|Infinity/.test(text)) return null;
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== 'N' && c !== 'I' && c !== '-') continue;
    for (const [word, replacement] of PYTHON_CONSTANTS) {
      if (text.startsWith(word, i)) {
        out += text.slice(last, i) + replacement;
        i += word.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return last === 0 ? null : out + text.slice(last);
}
