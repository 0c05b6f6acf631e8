import { readFile } from 'node:fs/promises';
import { FileAccessError } from '../errors/FileAccessError.js';
import type { InputSource } from './readResponse.js';

/** Reads a whole text input (a file, or a stream such as stdin) as UTF-8. For small inputs only. */
export async function readText(source: InputSource): Promise<string> {
  if (source.kind === 'file') {
    try {
      return await readFile(source.path, 'utf8');
    } catch (error) {
      throw new FileAccessError('read', source.path, error);
    }
  }
  let text = '';
  for await (const chunk of source.stream.setEncoding('utf8')) text += chunk as string;
  return text;
}
