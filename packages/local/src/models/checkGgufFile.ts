import { open } from 'node:fs/promises';
import { InvalidModelFileError } from '../errors/InvalidModelFileError.js';
import { ModelNotFoundError } from '../errors/ModelNotFoundError.js';

/** The four bytes every GGUF file starts with. */
export const GGUF_MAGIC = 'GGUF';

/** Describes a file's first bytes for an error message: printable ASCII as text, anything else as hex. */
export function describeMagic(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const printable = [...bytes].every((b) => b >= 0x20 && b < 0x7f);
  const shown = printable
    ? JSON.stringify(String.fromCharCode(...bytes))
    : [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `it starts with ${shown} instead of "GGUF"`;
}

/** True when the bytes start with the GGUF magic. */
export function hasGgufMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x47 && bytes[1] === 0x47 && bytes[2] === 0x55 && bytes[3] === 0x46
  );
}

/**
 * Checks that `path` is a readable file starting with the GGUF magic. Throws ModelNotFoundError when
 * nothing is there and InvalidModelFileError for a directory or another kind of file.
 */
export async function checkGgufFile(path: string, ref: string = path): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ModelNotFoundError(
        ref,
        `no file at ${path}; pass the path of a .gguf file, an https:// URL or hf:owner/repo/file.gguf`,
      );
    }
    if (code === 'EISDIR')
      throw new InvalidModelFileError(path, 'it is a directory; pass the .gguf file inside it');
    throw new InvalidModelFileError(
      path,
      `it cannot be read (${code ?? String(error)}); check its permissions`,
    );
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory())
      throw new InvalidModelFileError(path, 'it is a directory; pass the .gguf file inside it');
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const bytes = head.subarray(0, bytesRead);
    if (!hasGgufMagic(bytes))
      throw new InvalidModelFileError(path, `${describeMagic(bytes)}; pass a .gguf file`);
  } finally {
    await handle.close();
  }
}
