import { describeValue } from './describeValue.js';

/** Says what a value that is no response is, and what to do with it, for `UnsupportedInputError`. */
export function describeInput(value: unknown): string {
  if (isThenable(value)) return 'got a Promise: await it first';
  if (isAsyncIterable(value)) return 'got an async iterable (a stream): use await parseStream(input)';
  if (value instanceof Uint8Array) return 'got bytes (a Uint8Array): decode them to text first (TextDecoder)';
  if (value === undefined) return 'got undefined';
  return `got ${describeValue(value)}`;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}
