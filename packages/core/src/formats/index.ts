export { aiSdk, isStreamTextResult } from './aiSdk.js';
export type { CompletionInfo } from './buildCompletion.js';
export { buildCompletion } from './buildCompletion.js';
export type { BuildOptions, RawAlternative, RawToken } from './buildToken.js';
export { buildAlternative, buildToken, byLogprobDesc } from './buildToken.js';
export { ChoiceCollector, type ChoiceState } from './ChoiceCollector.js';
export { checkShape, isRecord, joinPath } from './checkShape.js';
export { createChunkFeeder } from './createChunkFeeder.js';
export {
  createFramer,
  DEFAULT_MAX_DOCUMENT_CHARS,
  type Framer,
  type FramerOptions,
  type FramerSink,
  type Framing,
} from './createFramer.js';
export {
  createResponseParser,
  type ParseRequest,
  parserFor,
  type ResponseParser,
} from './createResponseParser.js';
export {
  createSseDecoder,
  type SseDecoder,
  type SseDecoderOptions,
  type SseEvent,
} from './createSseDecoder.js';
export { describeInput } from './describeInput.js';
export { describeValue } from './describeValue.js';
export { detectFormat } from './detectFormat.js';
export type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
export { findJsonError, type JsonErrorSite } from './findJsonError.js';
export { fireworks } from './fireworks.js';
export { gemini } from './gemini.js';
export { type Implausibility, implausibleLogprobs, LOGPROB_ROUNDING } from './implausibleLogprobs.js';
export { isLogprobResponse } from './isLogprobResponse.js';
export { langchain } from './langchain.js';
export { llamacppCompletion } from './llamacppCompletion.js';
export { llamacppV1Completions } from './llamacppV1Completions.js';
export { logits } from './logits.js';
export { isControlShaped, markControlTokens } from './markControlTokens.js';
export { MAX_JSON_DEPTH, nestingDepth, nestsDeeperThan } from './nestingDepth.js';
export { ollama } from './ollama.js';
export { openaiChat } from './openaiChat.js';
export { openaiCompletions } from './openaiCompletions.js';
export { type OpenAIFamilySpec, openaiFamilyParser } from './openaiFamily.js';
export { openaiResponses } from './openaiResponses.js';
export { readContentItems, readLegacyArrays, tokenId } from './openaiTokens.js';
export { type JsonParseResult, parseJsonText, tryParseJson } from './parseJsonText.js';
export { parseResponse, type ResponseInput } from './parseResponse.js';
export { parseStream, type StreamInput } from './parseStream.js';
export { readOpenAIValue } from './readOpenAIValue.js';
export { readPromptLogprobs } from './readPromptLogprobs.js';
export { FORMAT_PARSERS } from './registry.js';
export { rethrowAtPath } from './rethrowAtPath.js';
export { sglang } from './sglang.js';
export { type SoftmaxSummary, softmaxSummary } from './softmaxSummary.js';
export { tgi } from './tgi.js';
export { together } from './together.js';
export { topIndices } from './topIndices.js';
export { vllm } from './vllm.js';
