import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A GGUF file found on disk: `id` is its file name without `.gguf`. */
export interface LocalModelFile {
  id: string;
  path: string;
}

const GGUF = /\.gguf$/i;

function ggufFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => GGUF.test(name) && statSync(join(dir, name)).isFile())
      .sort();
  } catch {
    return [];
  }
}

/**
 * Every `.gguf` file directly in `dirs` (missing folders are skipped), by name within each folder,
 * folders in the order given. Ids are file names without `.gguf`; when two files share an id, the first
 * found wins. Paths are absolute.
 */
export function findLocalModels(dirs: readonly string[]): LocalModelFile[] {
  const found = new Map<string, string>();
  for (const dir of dirs) {
    const folder = resolve(dir);
    for (const name of ggufFiles(folder)) {
      const id = name.replace(GGUF, '');
      if (!found.has(id)) found.set(id, join(folder, name));
    }
  }
  return [...found].map(([id, path]) => ({ id, path }));
}
