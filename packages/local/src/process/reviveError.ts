import * as core from '@tokenscope/core';
import { TokenscopeError } from '@tokenscope/core';
import { EngineInternalsError } from '../errors/EngineInternalsError.js';
import { GenerationAbortedError } from '../errors/GenerationAbortedError.js';
import { InvalidModelFileError } from '../errors/InvalidModelFileError.js';
import { ModelNotFoundError } from '../errors/ModelNotFoundError.js';
import { PromptTooLongError } from '../errors/PromptTooLongError.js';
import { UntokenizableTextError } from '../errors/UntokenizableTextError.js';
import type { SerializedError } from './protocol.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** This package's errors that the engine throws, rebuilt as their class (core's are found by name). */
const LOCAL_CLASSES: Readonly<Record<string, ErrorClass>> = {
  // GenerationAbortedError's name is 'AbortError'.
  AbortError: GenerationAbortedError,
  EngineInternalsError,
  InvalidModelFileError,
  ModelNotFoundError,
  PromptTooLongError,
  UntokenizableTextError,
};

function knownClass(name: string, extra: Readonly<Record<string, ErrorClass>>): ErrorClass | undefined {
  const candidate = extra[name] ?? LOCAL_CLASSES[name] ?? (core as unknown as Record<string, unknown>)[name];
  return typeof candidate === 'function' && candidate.prototype instanceof Error
    ? (candidate as ErrorClass)
    : undefined;
}

/**
 * Rebuilds an error the model process sent. Errors of a known class (core's, or those in `classes`)
 * come back as that class, without running its constructor; others as a `TokenscopeError` with the
 * child's `code` and `name`, or a plain `Error`. Message, code, stack and simple fields are kept.
 */
export function reviveError(
  data: SerializedError,
  classes: Readonly<Record<string, ErrorClass>> = {},
): Error {
  const Class = knownClass(data.name, classes);
  let error: Error;
  if (Class !== undefined) error = Object.create(Class.prototype) as Error;
  else if (data.code !== undefined) error = new TokenscopeError(data.code, data.message);
  else error = new Error(data.message);
  const fields: Record<string, unknown> = {
    ...data.props,
    name: data.name,
    message: data.message,
    stack: data.stack ?? `${data.name}: ${data.message}`,
  };
  if (data.code !== undefined) fields.code = data.code;
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(error, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: key !== 'stack' && key !== 'message' && key !== 'name',
    });
  }
  return error;
}
