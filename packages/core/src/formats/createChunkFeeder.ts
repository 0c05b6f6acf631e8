import { UnsupportedInputError } from '../errors/UnsupportedInputError.js';
import { isRecord } from './checkShape.js';
import type { ResponseParser } from './createResponseParser.js';
import { describeInput, isThenable } from './describeInput.js';

/**
 * Feeds the chunks of an iterable (an SDK's stream, a generator, saved chunks) to `parser` one by one:
 * strings as text (`write`), objects and arrays as parsed values (`value`). A stream holds one kind or
 * the other; any other chunk (a number, a Promise, bytes) is an `UnsupportedInputError` naming its index.
 */
export function createChunkFeeder(parser: ResponseParser): (chunk: unknown) => void {
  let kind: 'strings' | 'objects' | undefined;
  let index = 0;
  return (chunk) => {
    const i = index++;
    const unusable = chunk instanceof Uint8Array || isThenable(chunk);
    const k =
      typeof chunk === 'string'
        ? 'strings'
        : !unusable && (Array.isArray(chunk) || isRecord(chunk))
          ? 'objects'
          : undefined;
    if (k === undefined) throw new UnsupportedInputError(`stream chunk [${i}]: ${describeInput(chunk)}`);
    if (kind !== undefined && k !== kind) {
      throw new UnsupportedInputError(
        `stream chunk [${i}] is ${k === 'strings' ? 'a string' : 'an object'} after ${kind}: ` +
          'a stream is text or parsed chunks, not both',
      );
    }
    kind = k;
    if (typeof chunk === 'string') parser.write(chunk);
    else parser.value(chunk);
  };
}
