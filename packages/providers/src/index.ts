/**
 * @tokenscope/providers: ask remote APIs (OpenAI, OpenAI-compatible servers, Ollama, TGI, Gemini) for
 * logprobs and get core's data model back. One HTTP module (timeouts, retries, abort, SSE, JSON lines).
 */

export { gemini } from './adapters/gemini.js';
export { ADAPTERS, getAdapter } from './adapters/getAdapter.js';
export { ollama } from './adapters/ollama.js';
export { openaiChat } from './adapters/openaiChat.js';
export { openaiCompletions } from './adapters/openaiCompletions.js';
export { openaiResponses } from './adapters/openaiResponses.js';
export { compatOf, DEFAULT_TOP_LOGPROBS } from './adapters/requestParts.js';
export { type LogprobCall, runLogprobRequest } from './adapters/runLogprobRequest.js';
export { tgi } from './adapters/tgi.js';
export * from './errors/index.js';
export { checkBaseUrl, displayUrl, joinUrl, withoutCredentials } from './http/baseUrl.js';
export {
  createHttpClient,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
} from './http/createHttpClient.js';
export { isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs, retryDelay } from './http/retryDelay.js';
export * from './Provider.js';
export * from './probe/index.js';
export { type RefusalContext, refusalOf } from './refusals/refusalOf.js';
export { type TemperatureRefusal, temperatureRefusal } from './refusals/temperatureRefusal.js';
export { completeRetryingTemperature } from './sampling/completeRetryingTemperature.js';
export {
  consistencyTemperature,
  MIN_CONSISTENCY_TEMPERATURE,
} from './sampling/consistencyTemperature.js';
export {
  DEFAULT_SAMPLE_CONCURRENCY,
  type SampleAnswersOptions,
  type SampledAnswers,
  sampleAnswers,
} from './sampling/sampleAnswers.js';
export {
  type EchoContinuationScore,
  type EchoOptions,
  echoContinuationScore,
  echoTokens,
} from './scoring/echoScore.js';
