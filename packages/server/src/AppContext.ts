import type { EngineRegistry } from './EngineRegistry.js';
import type { ServeRecording } from './recordServed.js';

/** What the route handlers share. */
export interface AppContext {
  registry: EngineRegistry;
  /** `system_fingerprint` of every response. */
  fingerprint: string;
  /** `serve --record`: where answered requests are saved. */
  recording?: ServeRecording;
}

/** Seconds since the epoch, as OpenAI's `created`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
