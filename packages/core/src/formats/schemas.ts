import * as v from 'valibot';
import { isRecord } from './checkShape.js';
import { typeName } from './describeIssue.js';

/**
 * The few valibot schemas the format parsers build on, with the checks of the zod schemas they
 * replaced: an object is never an array, a record is a plain object, an integer is a safe one. Their
 * failures read as before ("expected object, received array"); `describeIssue` writes the rest.
 */

/**
 * An object that keeps the keys it does not name. valibot's `looseObject` alone takes an array too: an
 * array (or any non-object) here fails as "expected object, received array", before the keys are read.
 * Name only keys with a type to check: one whose value may be anything (`logprob`, `bytes`) is kept as
 * it came anyway, and naming it costs a check per token.
 */
export function object<const E extends v.ObjectEntries>(entries: E) {
  const schema = v.looseObject(entries, (issue) => {
    // a missing key: said the way a wrong value is, "expected string, received undefined"
    const key = issue.path?.[0]?.key;
    const entry = typeof key === 'string' ? entries[key] : undefined;
    return `expected ${entry ? expectedName(entry) : 'object'}, received undefined`;
  });
  const notObject = v.custom<never>(
    () => false,
    (issue) => `expected object, received ${typeName(issue.input)}`,
  );
  const run: (typeof schema)['~run'] = (dataset, config) =>
    isRecord(dataset.value)
      ? schema['~run'](dataset, config)
      : (notObject['~run'](dataset, config) as ReturnType<(typeof schema)['~run']>);
  // one check in front of valibot's own, not a pipe: this runs for every token and alternative
  return { ...schema, '~run': run };
}

/** A plain object (no array, no class instance) whose values all pass `value`. */
export function record<const S extends v.GenericSchema>(value: S) {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      isPlainObject,
      (issue) => `expected record, received ${typeName(issue.input)}`,
    ),
    v.record(v.string(), value),
  );
}

/** A safe integer. */
export function int() {
  return v.pipe(v.number(), v.safeInteger());
}

/** A safe integer >= 0. */
export function nonNegativeInt() {
  return v.pipe(v.number(), v.safeInteger(), v.minValue(0));
}

/** A finite number. */
export function finiteNumber() {
  return v.pipe(v.number(), v.finite());
}

/**
 * A value that passes one of `options` (as it came: the options here keep every key); any other is
 * "Invalid input" at its own path, as zod's union said it (valibot's would name the inner failure of
 * the option that came closest).
 */
export function union<const O extends readonly v.GenericSchema[]>(options: O) {
  return v.custom<v.InferOutput<O[number]>>(
    (value) => options.some((option) => v.is(option, value)),
    'Invalid input',
  );
}

/** The name a missing key's schema expects: `string`, `array`, `object`, `number`... */
function expectedName(schema: v.GenericSchema): string {
  return schema.expects.toLowerCase();
}

/** A plain object, as zod's `record` wants it: `{}`, `Object.create(null)`, not an array or a `Map`. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
