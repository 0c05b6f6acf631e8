/**
 * Errors across the worker-thread boundary, requesting side: `fromErrorData` rebuilds what a worker
 * threw (`toErrorData`) as the same class (core's and the store's errors, found by name), with the
 * same `code`, `status`, `type`, `param`, message and own fields (`field`, `line`, ...), so that the
 * server answers it exactly as if it had been thrown on this thread.
 */
import * as core from '@tokenscope/core';
import { TokenscopeError } from '@tokenscope/core';
import * as store from '@tokenscope/store';
import type { ErrorData } from './toErrorData.js';

type ErrorClass = abstract new (...args: never[]) => Error;

function classNamed(name: string): ErrorClass | undefined {
  for (const namespace of [core, store] as Array<Record<string, unknown>>) {
    const candidate = namespace[name];
    if (typeof candidate === 'function' && candidate.prototype instanceof Error) {
      return candidate as ErrorClass;
    }
  }
  return undefined;
}

/**
 * The error `data` describes: an instance of its class when core or the store defines one of that
 * name (its constructor is not run: the fields are set as they were), else a `TokenscopeError` with
 * its code and meaning, else a plain `Error`.
 */
export function fromErrorData(data: ErrorData): Error {
  const Class = classNamed(data.name);
  const { code, status, type, param } = data.fields;
  let error: Error;
  if (Class !== undefined) error = Object.create(Class.prototype) as Error;
  else if (typeof code === 'string') {
    error = new TokenscopeError(code, data.message, {
      ...(typeof status === 'number' ? { status } : {}),
      ...(typeof type === 'string' ? { type: type as core.ErrorType } : {}),
      ...(typeof param === 'string' ? { param } : {}),
    });
  } else error = new Error(data.message);
  const own: Record<string, unknown> = {
    ...data.fields,
    name: data.name,
    message: data.message,
    stack: data.stack ?? `${data.name}: ${data.message}`,
  };
  for (const [key, value] of Object.entries(own)) {
    Object.defineProperty(error, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: key !== 'message' && key !== 'stack',
    });
  }
  return error;
}
