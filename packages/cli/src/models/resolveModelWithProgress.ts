import { basename } from 'node:path';
import { type DownloadProgress, resolveModel } from '@tokenscope/local';
import cliProgress from 'cli-progress';
import type { CliIo } from '../io/CliIo.js';
import { formatSize } from '../io/formatSize.js';

/**
 * Resolves a model reference to a local GGUF file (see `resolveModel`). A download shows a progress
 * bar on stderr when stderr is a terminal, and one line before and after it otherwise.
 */
export async function resolveModelWithProgress(ref: string, io: CliIo): Promise<string> {
  const isTTY = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  let last: DownloadProgress | undefined;
  const onProgress = (progress: DownloadProgress): void => {
    if (last === undefined) {
      const name = basename(new URL(progress.url).pathname);
      if (isTTY) {
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderr as NodeJS.WritableStream,
            format: `downloading ${name} [{bar}] {percentage}% | {done} of {size}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(progress.totalBytes ?? 0, 0, { done: formatSize(0), size: sizeOf(progress.totalBytes) });
      } else {
        io.stderr.write(`tokenscope: downloading ${progress.url} (${sizeOf(progress.totalBytes)})\n`);
      }
    }
    last = progress;
    bar?.update(progress.receivedBytes, { done: formatSize(progress.receivedBytes) });
  };
  try {
    const resolved = await resolveModel(ref, { onProgress });
    if (resolved.source === 'download' && !isTTY && last !== undefined) {
      io.stderr.write(`tokenscope: downloaded ${formatSize(last.receivedBytes)} to ${resolved.path}\n`);
    }
    return resolved.path;
  } finally {
    bar?.stop();
  }
}

function sizeOf(bytes: number | null): string {
  return bytes === null ? 'size unknown' : formatSize(bytes);
}
