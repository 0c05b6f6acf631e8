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
