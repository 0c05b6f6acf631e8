import { createResponseParser, type RunRecord } from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import type { ResponseTap } from './exchangeTransform.js';
import { RecordError } from './RecordError.js';
import { type Exchange, runOfExchange } from './runOfExchange.js';

export interface RecorderOptions {
  store: RunStore;
  /** The exchange without its response (parsed from the text that passes). */
  exchange: Omit<Exchange, 'response'>;
  /** Names the exchange in error messages (`POST /v1/chat/completions, model m`). */
  what: string;
  onRecord: ((run: RunRecord) => void) | undefined;
  onError: (error: Error) => void;
  /** Receives the save once it is scheduled (it never rejects). */
  trackSave?: (save: Promise<void>) => void;
}

/**
 * Parses the upstream's response text as it passes (core's incremental parser: a stream keeps only
 * its tokens) and, once the whole body went through, saves the run. The save waits for the event
 * loop's next turn, so the client's last bytes are written first; failures go to `onError`.
 */
export class ExchangeRecorder implements ResponseTap {
  private readonly parser = createResponseParser();
  private failure: unknown;

  constructor(private readonly options: RecorderOptions) {}

  write(text: string): void {
    if (this.failure !== undefined || text === '') return;
    try {
      this.parser.write(text);
    } catch (error) {
      this.failure = error;
    }
  }

  end(): void {
    const saved = new Promise<void>((resolve) => setImmediate(() => void this.save().finally(resolve)));
    this.options.trackSave?.(saved);
  }

  private async save(): Promise<void> {
    const { store, exchange, what, onRecord, onError } = this.options;
    try {
      if (this.failure !== undefined) throw this.failure;
      const record = await store.save(runOfExchange({ ...exchange, response: this.parser.end() }));
      onRecord?.(record);
    } catch (error) {
      onError(new RecordError(what, error));
    }
  }
}
