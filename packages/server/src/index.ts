/**
 * @tokenscope/server: an OpenAI-compatible HTTP API (`/v1/models`, `/v1/chat/completions`,
 * `/v1/completions`) that serves real per-token logprobs from local engines, and the web app's `/api`
 * and static files at `/`. See docs/server.md.
 */
import '@tokenscope/core/names'; // the server's analyses find names of people, places, ...

export { ApiError, type ApiErrorType } from './ApiError.js';
export type { AppServices, ModelCatalog } from './app/AppServices.js';
export { type ApiAppOptions, createApiApp, DEFAULT_MAX_IMPORT_BYTES } from './app/createApiApp.js';
export { createModelCatalog, type ModelCatalogOptions } from './app/createModelCatalog.js';
export { findLocalModels, type LocalModelFile } from './app/findLocalModels.js';
export { compareSamples } from './app/generation/compareSamples.js';
export { enginePrompt, localRequest, localResponse } from './app/generation/localRequest.js';
export { providerOf, publicBaseURL, remoteRequest } from './app/generation/remoteRequest.js';
export { serveWebApp } from './app/serveWebApp.js';
export { WEB_APP_CSP } from './app/webAppHeaders.js';
export { webRoot } from './app/webRoot.js';
export { type AppOptions, createApp, DEFAULT_MAX_BODY_BYTES } from './createApp.js';
export type { EngineSource } from './EngineRegistry.js';
export { errorAnswer, respondWithError } from './errorAnswer.js';
export { type CrossOriginOptions, checkCorsOrigins } from './guardCrossOrigin.js';
export * from './proxy/index.js';
export { DATASET_HEADER, type ServeRecording } from './recordServed.js';
export {
  DEFAULT_STALL_TIMEOUT_MS,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './startServer.js';
export * from './telemetry/index.js';
