/**
 * @tokenscope/server: an OpenAI-compatible HTTP API (`/v1/models`, `/v1/chat/completions`,
 * `/v1/completions`) that serves real per-token logprobs from local engines. See docs/server.md.
 */
export { ApiError, type ApiErrorType } from './ApiError.js';
export { type AppOptions, createApp, DEFAULT_MAX_BODY_BYTES } from './createApp.js';
export type { EngineSource } from './EngineRegistry.js';
export { type RunningServer, type ServerOptions, startServer } from './startServer.js';
