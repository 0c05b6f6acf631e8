/**
 * The OpenTelemetry GenAI semantic conventions' names that Tokenscope's spans use. They are copied
 * here rather than imported from `@opentelemetry/semantic-conventions/incubating`, as that package
 * asks of code that ships: incubating names may change in a minor release. Stable names (`error.type`,
 * `server.address`, `service.name`) come from the package itself.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  /** Deprecated for `gen_ai.provider.name`; still read by backends that predate it. */
  system: 'gen_ai.system',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestSeed: 'gen_ai.request.seed',
  requestChoiceCount: 'gen_ai.request.choice.count',
  requestStream: 'gen_ai.request.stream',
  responseId: 'gen_ai.response.id',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  /** Opt-in content (`--otlp-content`): JSON strings in the conventions' message schemas. */
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
} as const;

/** Values of `gen_ai.operation.name`. */
export type GenAiOperation = 'chat' | 'text_completion';

/** Tokenscope's own attributes: the confidence figures of core's analysis and gate. */
export const TOKENSCOPE = {
  tokens: 'tokenscope.tokens',
  meanLogprob: 'tokenscope.mean_logprob',
  perplexity: 'tokenscope.perplexity',
  minProbability: 'tokenscope.min_probability',
  flaggedTokens: 'tokenscope.flagged_tokens',
  lowConfidenceThreshold: 'tokenscope.low_confidence_threshold',
  gateVerdict: 'tokenscope.gate.verdict',
  gatePublish: 'tokenscope.gate.publish_threshold',
  gateReview: 'tokenscope.gate.review_threshold',
  gateSentencesReview: 'tokenscope.gate.sentences_review',
} as const;
