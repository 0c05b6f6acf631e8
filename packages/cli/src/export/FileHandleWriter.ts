import type { FileHandle } from 'node:fs/promises';
import { ByteWriter } from 'hyparquet-writer';

/**
 * A hyparquet-writer sink that appends to an open file. The library encodes a row group into the
 * buffer, then awaits `flush()` before it pulls the next rows, so the buffer holds at most one row
 * group (plus the footer at the end) and the file's pace limits the source's.
 */
export class FileHandleWriter extends ByteWriter {
  readonly #handle: FileHandle;

  constructor(handle: FileHandle) {
    super(1 << 20);
    this.#handle = handle;
  }

  async flush(): Promise<void> {
    let written = 0;
    while (written < this.index) {
      const { bytesWritten } = await this.#handle.write(
        new Uint8Array(this.buffer),
        written,
        this.index - written,
      );
      written += bytesWritten;
    }
    this.index = 0;
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}
