export type {
  ContinuationBoundary,
  ContinuationScore,
  ScoreContinuationsOptions,
  ScoreContinuationsResult,
  ScoringPrefix,
} from './ContinuationScores.js';
export type { GenerationConstraint } from './constraint/GenerationConstraint.js';
export type {
  CallOptions,
  ChatMessage,
  Engine,
  FinishReason,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  ScoreResult,
} from './Engine.js';
export { fallbackChatPrompt } from './engine/formatChat.js';
export { EngineInternalsError } from './errors/EngineInternalsError.js';
export { GenerationAbortedError } from './errors/GenerationAbortedError.js';
export { InvalidModelFileError } from './errors/InvalidModelFileError.js';
export { InvalidModelRefError } from './errors/InvalidModelRefError.js';
export { ModelDownloadError } from './errors/ModelDownloadError.js';
export { ModelNotFoundError } from './errors/ModelNotFoundError.js';
export { PromptTooLongError } from './errors/PromptTooLongError.js';
export { UntokenizableTextError } from './errors/UntokenizableTextError.js';
export { LlamaEngine } from './LlamaEngine.js';
export { type LoadEngineOptions, loadEngine } from './loadEngine.js';
export { defaultModelCacheDir } from './models/defaultModelCacheDir.js';
export { type ModelRef, parseModelRef } from './models/parseModelRef.js';
export * from './process/index.js';
export {
  type DownloadProgress,
  type ResolvedModel,
  type ResolveModelOptions,
  resolveModel,
} from './resolveModel.js';
export { type SampleEngineOptions, sampleEngine } from './sampleEngine.js';
