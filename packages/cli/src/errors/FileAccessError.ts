import { TokenscopeError } from '@tokenscope/core';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent of it is not a directory',
  EMFILE: 'too many open files',
};

/** A file the user named cannot be read or written. The message names the path. */
export class FileAccessError extends TokenscopeError {
  readonly path: string;

  constructor(action: 'read' | 'write', path: string, cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const reason =
      (typeof code === 'string' ? REASONS[code] : undefined) ??
      (cause instanceof Error ? cause.message : String(cause));
    super('file_access', `cannot ${action} ${path}: ${reason}`, { cause });
    this.path = path;
  }
}
