import { InvalidOptionError, isRecord, MAX_JSON_DEPTH, nestsDeeperThan } from '@tokenscope/core';

const OPTION = 'constraint.schema';
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];
/** Keywords that only describe: accepted and dropped. */
const ANNOTATIONS = new Set(['title', 'description', '$schema', '$id', '$comment', 'default', 'examples']);
/** Keywords node-llama-cpp's grammar generator understands. */
const SUPPORTED = new Set([
  'type',
  'properties',
  'additionalProperties',
  'required',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'oneOf',
  'anyOf',
  '$defs',
  '$ref',
  'minLength',
  'maxLength',
  'format',
]);
const FORMATS = ['date', 'time', 'date-time'];

type Json = Record<string, unknown>;

function fail(path: string, detail: string): never {
  throw new InvalidOptionError(OPTION, `${path === '' ? '' : `${path}: `}${detail}`);
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function count(schema: Json, key: string, path: string): void {
  const value = schema[key];
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
    fail(`${path}${key}`, `expected an integer >= 0, got ${JSON.stringify(value)}`);
  }
}

/**
 * Checks a JSON schema against the subset the grammar generator supports and returns a copy fit for
 * it (`anyOf` becomes `oneOf`, which generates the same values; annotations are dropped). Throws
 * `InvalidOptionError` naming `constraint.schema` and the path of the first problem
 * (`properties.age.type: expected one of ...`).
 */
export function checkJsonSchema(schema: unknown): Json {
  if (nestsDeeperThan(schema, MAX_JSON_DEPTH)) {
    fail('', `the schema nests deeper than ${MAX_JSON_DEPTH} levels; use $defs and $ref for deep structures`);
  }
  const checked = checkNode(schema, '');
  const defs = new Set<string>();
  const refs: Array<[string, string]> = [];
  walk(checked, '', defs, refs);
  for (const [ref, path] of refs) {
    if (!defs.has(ref.slice('#/$defs/'.length))) fail(`${path}$ref`, `"${ref}" names no entry of $defs`);
  }
  return checked;
}

/** Collects the $defs names and the $refs (with their paths) of a checked schema. */
function walk(node: unknown, path: string, defs: Set<string>, refs: Array<[string, string]>): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      walk(n, `${path.replace(/\.$/, '')}[${i}].`, defs, refs);
    });
    return;
  }
  if (!isRecord(node)) return;
  if (isRecord(node.$defs)) for (const name of Object.keys(node.$defs)) defs.add(name);
  if (typeof node.$ref === 'string') refs.push([node.$ref, path]);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' || key === 'const') continue;
    walk(value, `${path}${key}.`, defs, refs);
  }
}

function checkNode(schema: unknown, path: string): Json {
  const at = path === '' ? '' : `${path}.`;
  if (!isRecord(schema))
    fail(path, `expected a JSON schema object, got ${JSON.stringify(schema) ?? String(schema)}`);
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!SUPPORTED.has(key)) {
      fail(`${at}${key}`, `not supported by the grammar generator (supported: ${[...SUPPORTED].join(', ')})`);
    }
    out[key] = value;
  }
  const { type } = out;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    for (const t of types) {
      if (typeof t !== 'string' || !TYPES.includes(t)) {
        fail(
          `${at}type`,
          `expected one of ${TYPES.map((x) => `"${x}"`).join(', ')}, got ${JSON.stringify(t)}`,
        );
      }
    }
    if (Array.isArray(type) && types.some((t) => t === 'object' || t === 'array')) {
      fail(`${at}type`, 'a list of types may hold only string, number, integer, boolean and null; use oneOf');
    }
  } else if (
    out.const === undefined &&
    out.enum === undefined &&
    out.oneOf === undefined &&
    out.anyOf === undefined &&
    out.$ref === undefined
  ) {
    fail(path, 'expected one of type, const, enum, oneOf, anyOf or $ref');
  }
  if ('const' in out && !isPrimitive(out.const))
    fail(`${at}const`, 'expected a string, number, boolean or null');
  if (
    out.enum !== undefined &&
    (!Array.isArray(out.enum) || out.enum.length === 0 || !out.enum.every(isPrimitive))
  ) {
    fail(`${at}enum`, 'expected a non-empty array of strings, numbers, booleans or null');
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = out[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0)
      fail(`${at}${key}`, 'expected a non-empty array of schemas');
    out.oneOf = list.map((s, i) => checkNode(s, `${at}${key}[${i}]`));
  }
  delete out.anyOf;
  if (out.properties !== undefined) {
    if (!isRecord(out.properties)) fail(`${at}properties`, 'expected an object of schemas');
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([k, s]) => [k, checkNode(s, `${at}properties.${k}`)]),
    );
  }
  if (out.additionalProperties !== undefined && typeof out.additionalProperties !== 'boolean') {
    out.additionalProperties = checkNode(out.additionalProperties, `${at}additionalProperties`);
  }
  if (
    out.required !== undefined &&
    !(Array.isArray(out.required) && out.required.every((r) => typeof r === 'string'))
  ) {
    fail(`${at}required`, 'expected an array of property names');
  }
  if (out.items !== undefined) out.items = checkNode(out.items, `${at}items`);
  if (out.prefixItems !== undefined) {
    if (!Array.isArray(out.prefixItems)) fail(`${at}prefixItems`, 'expected an array of schemas');
    out.prefixItems = out.prefixItems.map((s, i) => checkNode(s, `${at}prefixItems[${i}]`));
  }
  if (out.$defs !== undefined) {
    if (!isRecord(out.$defs)) fail(`${at}$defs`, 'expected an object of schemas');
    out.$defs = Object.fromEntries(
      Object.entries(out.$defs).map(([k, s]) => [k, checkNode(s, `${at}$defs.${k}`)]),
    );
  }
  if (out.$ref !== undefined && !(typeof out.$ref === 'string' && out.$ref.startsWith('#/$defs/'))) {
    fail(`${at}$ref`, `expected "#/$defs/NAME", got ${JSON.stringify(out.$ref)}`);
  }
  if (out.format !== undefined && !FORMATS.includes(out.format as string)) {
    fail(`${at}format`, `expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(out.format)}`);
  }
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']) {
    count(out, key, at);
  }
  return out;
}
