import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileAccessError } from '../errors/FileAccessError.js';

/**
 * Writes `content` to `path` through a temporary file in the same folder, then renames it over the
 * target. A failure part-way leaves no half-written file and keeps any existing file as it was.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw new FileAccessError('write', path, error);
  }
}
