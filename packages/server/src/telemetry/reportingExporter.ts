import { ExportResultCode } from '@opentelemetry/core';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * `exporter` that tells `onError` when an export fails (the SDK itself only logs through its
 * diagnostics logger, silent by default): once, until an export succeeds again, so an unreachable
 * receiver gives one line, not one per batch.
 */
export function reportingExporter(exporter: SpanExporter, onError: (error: Error) => void): SpanExporter {
  let failing = false;
  return {
    export(spans, resultCallback) {
      exporter.export(spans, (result) => {
        if (result.code === ExportResultCode.SUCCESS) failing = false;
        else if (!failing) {
          failing = true;
          onError(result.error ?? new Error('the export failed'));
        }
        resultCallback(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
