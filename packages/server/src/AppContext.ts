import type { EngineRegistry } from './EngineRegistry.js';
import type { ServeRecording } from './recordServed.js';
import type { ExchangeTelemetry } from './telemetry/ExchangeTelemetry.js';

/** What the route handlers share. */
export interface AppContext {
  registry: EngineRegistry;
  /** `system_fingerprint` of every response. */
  fingerprint: string;
  /** `serve --record`: where answered requests are saved. */
  recording?: ServeRecording;
  /** `serve --otlp-endpoint`: a span per answered request (telemetry/traceServed.ts). */
  telemetry?: ExchangeTelemetry;
}

/** Whether answers need their logprobs although the client did not ask (recorded or traced). */
export function keepsLogprobs(app: AppContext): boolean {
  return app.recording !== undefined || app.telemetry !== undefined;
}

/** Seconds since the epoch, as OpenAI's `created`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
