import { createResponseParser, type LogprobResponse, type RunRecord } from '@tokenscope/core';
import type { RunStore } from '@tokenscope/store';
import type { ExchangeSpan } from '../telemetry/ExchangeTelemetry.js';
import type { ResponseTap } from './exchangeTransform.js';
import { RecordError } from './RecordError.js';
import { type Exchange, runOfExchange } from './runOfExchange.js';
import { createUsageReader } from './usageReader.js';

export interface RecorderOptions {
  /** Where the run is saved (none: the exchange is only traced). */
  store?: RunStore;
  /** The exchange's span (`--otlp-endpoint`): ended with the response, its usage and figures. */
  span?: ExchangeSpan;
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
 * its tokens) and, once the whole body went through, saves the run and ends the exchange's span. The
 * save waits for the event loop's next turn, so the client's last bytes are written first; failures
 * go to `onError`.
 */
export class ExchangeRecorder implements ResponseTap {
  private readonly parser = createResponseParser();
  private readonly usage: ReturnType<typeof createUsageReader> | undefined;
  private failure: unknown;
  /** The whole body went through (`end()` was called). */
  ended = false;

  constructor(private readonly options: RecorderOptions) {
    this.usage = options.span && createUsageReader();
  }

  write(text: string): void {
    if (text === '') return;
    this.usage?.write(text);
    if (this.failure !== undefined) return;
    try {
      this.parser.write(text);
    } catch (error) {
      this.failure = error;
    }
  }

  end(): void {
    this.ended = true;
    const saved = new Promise<void>((resolve) => setImmediate(() => void this.save().finally(resolve)));
    this.options.trackSave?.(saved);
  }

  private async save(): Promise<void> {
    const { store, span, exchange, what, onRecord, onError } = this.options;
    let response: LogprobResponse | undefined;
    try {
      if (this.failure !== undefined) throw this.failure;
      response = this.parser.end();
    } catch (error) {
      this.failure = error;
    }
    if (span) {
      const usage = this.usage?.end();
      const format = `openai-${exchange.kind === 'chat' ? 'chat' : exchange.kind}` as const;
      span.end(
        { response: response ?? { format, completions: [] }, ...(usage === undefined ? {} : { usage }) },
        response === undefined ? { 'tokenscope.analysis_error': describe(this.failure) } : {},
      );
    }
    if (!store) return;
    try {
      if (response === undefined) throw this.failure;
      const record = await store.save(runOfExchange({ ...exchange, response }));
      onRecord?.(record);
    } catch (error) {
      onError(new RecordError(what, error));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
