export {
  type ExchangeFailure,
  ExchangeSpan,
  ExchangeTelemetry,
  type TelemetryOptions,
} from './ExchangeTelemetry.js';
export {
  type AttributeOptions,
  exchangeAttributes,
  figureAttributes,
  requestAttributes,
  responseAttributes,
  spanName,
  type TracedRequest,
  type TracedResponse,
} from './exchangeAttributes.js';
export { GEN_AI, type GenAiOperation, TOKENSCOPE } from './genAi.js';
export { otlpTracesUrl } from './otlpTracesUrl.js';
export { SERVE_PROVIDER } from './traceServed.js';
