import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { checkShape } from './checkShape.js';
import { finiteNumber, int, nonNegativeInt, object, record, union } from './schemas.js';

/** The message `checkShape` throws for `value`, path first. */
function failure(schema: v.GenericSchema, value: unknown): string {
  try {
    checkShape(schema, value, 'x');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidValueError);
    return (error as InvalidValueError).message.replace(/^invalid value at /, '');
  }
  throw new Error('no failure');
}

describe('the format schemas', () => {
  const item = object({ token: v.string(), id: v.optional(int()), top: v.nullish(v.array(object({}))) });

  it('word failures as zod did, at the first bad path', () => {
    expect(failure(item, [])).toBe('x: expected object, received array');
    expect(failure(item, null)).toBe('x: expected object, received null');
    expect(failure(item, {})).toBe('x.token: expected string, received undefined');
    expect(failure(item, { token: 5 })).toBe('x.token: expected string, received number');
    expect(failure(item, { token: 'a', id: 1.5 })).toBe('x.id: expected int, received number');
    expect(failure(item, { token: 'a', id: 2 ** 60 })).toBe(
      'x.id: Too big: expected int to be <=9007199254740991',
    );
    expect(failure(item, { token: 'a', id: Number.NaN })).toBe('x.id: expected number, received NaN');
    expect(failure(item, { token: 'a', id: Number.POSITIVE_INFINITY })).toBe(
      'x.id: expected number, received Infinity',
    );
    expect(failure(item, { token: 'a', top: [{}, 'b'] })).toBe('x.top[1]: expected object, received string');
    expect(failure(item, { token: new Map() })).toBe('x.token: expected string, received Map');
    expect(failure(nonNegativeInt(), -1)).toBe('x: Too small: expected number to be >=0');
    expect(failure(finiteNumber(), Number.NEGATIVE_INFINITY)).toBe('x: expected number, received -Infinity');
    expect(failure(record(item), [])).toBe('x: expected record, received array');
    expect(failure(record(item), new Map())).toBe('x: expected record, received Map');
    expect(failure(record(item), { '7': { token: 1 } })).toBe('x.7.token: expected string, received number');
  });

  it('keep keys they do not name, and take what zod took', () => {
    expect(checkShape(item, { token: 'a', logprob: -1, bytes: [97] }, 'x')).toEqual({
      token: 'a',
      logprob: -1,
      bytes: [97],
    });
    expect(checkShape(record(v.unknown()), Object.create(null), 'x')).toEqual({});
    expect(checkShape(int(), -3, 'x')).toBe(-3);
  });

  it('say "Invalid input" where a value fits no option of a union', () => {
    const top = union([record(v.unknown()), v.array(item), v.null()]);
    expect(checkShape(top, [{ token: 'a' }], 'x')).toEqual([{ token: 'a' }]);
    expect(checkShape(top, { a: -1 }, 'x')).toEqual({ a: -1 });
    expect(failure(top, [{ token: 1 }])).toBe('x: Invalid input');
    expect(failure(top, 5)).toBe('x: Invalid input');
  });
});
