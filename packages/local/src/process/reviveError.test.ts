import { InvalidOptionError, TokenscopeError } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { ModelNotFoundError } from '../errors/ModelNotFoundError.js';
import { CrashHistory } from './CrashHistory.js';
import { nativeReason } from './HostProcess.js';
import { reviveError } from './reviveError.js';
import { serializeError } from './serializeError.js';

/** What crossing the IPC channel does (structured clone). */
function roundTrip(error: unknown): Error {
  return reviveError(structuredClone(serializeError(error)));
}

describe('errors across the process boundary', () => {
  it('keep their class, code, message and fields', () => {
    const option = roundTrip(new InvalidOptionError('topLogprobs', 'must be at most 512'));
    expect(option).toBeInstanceOf(InvalidOptionError);
    expect(option).toMatchObject({
      code: 'invalid_option',
      option: 'topLogprobs',
      name: 'InvalidOptionError',
    });
    expect(option.message).toBe('invalid topLogprobs: must be at most 512');
    const missing = roundTrip(new ModelNotFoundError('x.gguf', 'no such file x.gguf'));
    expect(missing).toBeInstanceOf(ModelNotFoundError);
    expect(missing).toMatchObject({ ref: 'x.gguf', code: 'model_not_found' });
  });

  it('become a TokenscopeError with the code when the class is unknown, else an Error', () => {
    class ContextFullError extends TokenscopeError {
      constructor() {
        super('context_length_exceeded', 'the prompt is longer than the context');
      }
    }
    const full = roundTrip(new ContextFullError());
    expect(full).toBeInstanceOf(TokenscopeError);
    expect(full).toMatchObject({ name: 'ContextFullError', code: 'context_length_exceeded' });
    const plain = roundTrip(new RangeError('bad'));
    expect(plain).toBeInstanceOf(Error);
    expect(plain).toMatchObject({ name: 'RangeError', message: 'bad' });
    expect(roundTrip('a string')).toMatchObject({ message: 'a string' });
  });
});

describe('nativeReason', () => {
  it('finds the C++ exception or the ggml assertion', () => {
    const abort =
      "terminate called after throwing an instance of 'std::out_of_range'\n  what():  _Map_base::at\n";
    expect(nativeReason(abort)).toBe('std::out_of_range: _Map_base::at');
    expect(nativeReason('x\n/src/ggml.c:123: GGML_ASSERT(n > 0) failed\n')).toBe(
      '/src/ggml.c:123: GGML_ASSERT(n > 0) failed',
    );
    expect(nativeReason('some log line\n')).toBeUndefined();
  });
});

describe('CrashHistory', () => {
  it('backs off, gives up after maxCrashes in the window, and forgets old crashes', () => {
    const history = new CrashHistory(3, 1000);
    history.record(0);
    expect([history.count, history.backoffMs, history.exhausted]).toEqual([1, 0, false]);
    history.record(100);
    expect(history.backoffMs).toBe(200);
    history.record(2000);
    expect(history.count).toBe(1);
    history.record(2100);
    history.record(2200);
    expect(history.exhausted).toBe(true);
    history.reset();
    expect(history.count).toBe(0);
  });
});
