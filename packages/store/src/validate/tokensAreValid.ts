/**
 * A fast check of a token list against `runSchema`'s token schema, for the usual case of a run that
 * core built: true only when every token is exactly what the schema accepts and returns unchanged
 * (plain objects, known keys only, right types and ranges). False is not an error: the caller then
 * runs zod, which names the first wrong field or drops the unknown keys. On a 10,000-token run with
 * 20 alternatives each this takes a few milliseconds where zod takes hundreds (docs/performance.md).
 */

const isInt = Number.isSafeInteger;

/** An object literal's kind of object (what zod returns for an object schema). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `z.number().max(max).nullable()`: null or a finite number at most `max`. */
function isLogprob(value: unknown, max: number): boolean {
  return value === null || (typeof value === 'number' && Number.isFinite(value) && value <= max);
}

/** `z.array(int.min(0).max(255)).nullable()`. */
function isBytes(value: unknown): boolean {
  if (value === null) return true;
  if (!Array.isArray(value)) return false;
  for (const b of value) if (!isInt(b) || b < 0 || b > 255) return false;
  return true;
}

function isOptionalInt(value: unknown): boolean {
  return value === undefined || isInt(value);
}

function isOptionalEntropy(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
}

/** A provider's raw value: any number (even -Infinity), a string or null. */
function isRaw(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'number' || typeof value === 'string';
}

function isAlternative(value: unknown, maxLogprob: number): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (key !== 'text' && key !== 'logprob' && key !== 'bytes' && key !== 'id' && key !== 'raw') return false;
  }
  return (
    typeof value.text === 'string' &&
    isLogprob(value.logprob, maxLogprob) &&
    isBytes(value.bytes) &&
    isOptionalInt(value.id) &&
    isRaw(value.raw)
  );
}

function areAlternatives(value: unknown, maxLogprob: number): boolean {
  if (!Array.isArray(value)) return false;
  for (const alternative of value) if (!isAlternative(alternative, maxLogprob)) return false;
  return true;
}

/** Renormalised values of constrained generation may round a hair above 0 (as in `runSchema`). */
const RENORMALISED_MAX = 1e-9;

function isConstrained(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (key !== 'logprob' && key !== 'top' && key !== 'allowedMass' && key !== 'entropy') return false;
  }
  const mass = value.allowedMass;
  return (
    isLogprob(value.logprob, RENORMALISED_MAX) &&
    areAlternatives(value.top, RENORMALISED_MAX) &&
    typeof mass === 'number' &&
    Number.isFinite(mass) &&
    mass >= 0 &&
    mass <= 1 &&
    isOptionalEntropy(value.entropy)
  );
}

function isUtf8Group(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [first, last] = value as unknown[];
  return isInt(first) && isInt(last) && (first as number) >= 0 && (last as number) >= 0;
}

const TOKEN_KEYS = new Set([
  'text',
  'rawText',
  'bytes',
  'logprob',
  'raw',
  'id',
  'top',
  'entropy',
  'special',
  'control',
  'utf8Group',
  'constrained',
]);

function isToken(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (!TOKEN_KEYS.has(key)) return false;
  return (
    typeof value.text === 'string' &&
    (value.rawText === undefined || typeof value.rawText === 'string') &&
    isBytes(value.bytes) &&
    isLogprob(value.logprob, 0) &&
    isRaw(value.raw) &&
    isOptionalInt(value.id) &&
    areAlternatives(value.top, 0) &&
    isOptionalEntropy(value.entropy) &&
    (value.special === undefined || typeof value.special === 'boolean') &&
    (value.control === undefined || value.control === true) &&
    isUtf8Group(value.utf8Group) &&
    isConstrained(value.constrained)
  );
}

/** True when `tokens` is an array of tokens that the schema accepts unchanged. */
export function tokensAreValid(tokens: unknown): boolean {
  if (!Array.isArray(tokens)) return false;
  for (const token of tokens) if (!isToken(token)) return false;
  return true;
}
