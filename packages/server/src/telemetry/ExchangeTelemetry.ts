import {
  type Attributes,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVICE_NAME,
} from '@opentelemetry/semantic-conventions';
import type { GateOptions } from '@tokenscope/core';
import {
  type AttributeOptions,
  requestAttributes,
  responseAttributes,
  spanName,
  type TracedRequest,
  type TracedResponse,
} from './exchangeAttributes.js';
import { reportingExporter } from './reportingExporter.js';

export interface TelemetryOptions {
  /** Where OTLP/HTTP JSON spans are posted (`http://127.0.0.1:4318/v1/traces`; see `otlpTracesUrl`). */
  tracesUrl: string;
  /** Headers of every export (an API key; default: `OTEL_EXPORTER_OTLP_HEADERS`, read by the exporter). */
  headers?: Record<string, string>;
  /** Put prompt and answer text in the spans (`--otlp-content`; default false). */
  content?: boolean;
  /** `service.name` (default `tokenscope`; the CLI takes `OTEL_SERVICE_NAME`). */
  serviceName?: string;
  /** Thresholds of core's gate whose verdict the spans carry (default: core's). */
  gate?: GateOptions;
  /** Where spans go instead of the OTLP exporter (tests, another exporter). */
  exporter?: SpanExporter;
  /** Called when an export fails (once until one succeeds again; default: none, as the SDK). */
  onExportError?: (error: Error) => void;
}

/** How an exchange failed: the span's `error.type` and status message. */
export interface ExchangeFailure {
  /** The error's code (`context_length_exceeded`, `upstream_unreachable`), or the HTTP status. */
  type: string;
  message?: string;
  /** The HTTP status the client got, when there was one. */
  status?: number;
}

/** W3C Trace Context (`traceparent`, `tracestate`): a caller's trace goes on through the spans. */
const propagator = new W3CTraceContextPropagator();
const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/** One exchange's span: ended once, with the answer or with a failure (later calls do nothing). */
export class ExchangeSpan {
  private done = false;

  constructor(
    private readonly span: Span,
    private readonly options: AttributeOptions,
  ) {}

  get ended(): boolean {
    return this.done;
  }

  /** Sets `traceparent` (and `tracestate`) on a request going up: the upstream's spans join the trace. */
  inject(headers: Headers): void {
    propagator.inject(trace.setSpan(ROOT_CONTEXT, this.span), headers, {
      set: (carrier, key, value) => carrier.set(key, value),
    });
  }

  /** Adds request attributes learnt after the start (the serve route's parsed body). */
  setRequest(request: TracedRequest): void {
    if (this.done) return;
    this.span.updateName(spanName(request));
    this.span.setAttributes(requestAttributes(request, this.options));
  }

  /** Ends the span with the answer's attributes (figures included). Never throws. */
  end(answer: TracedResponse, extra: Attributes = {}): void {
    if (this.done) return;
    this.done = true;
    try {
      this.span.setAttributes({ ...responseAttributes(answer, this.options), ...extra });
    } catch (error) {
      // an answer core cannot analyse still ends its span, without the figures
      this.span.setAttribute(
        'tokenscope.analysis_error',
        error instanceof Error ? error.message : String(error),
      );
    }
    this.span.end();
  }

  /** Ends the span as failed: status ERROR, `error.type` the error's code. */
  fail(failure: ExchangeFailure): void {
    if (this.done) return;
    this.done = true;
    this.span.setAttribute(ATTR_ERROR_TYPE, failure.type);
    if (failure.status !== undefined) this.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, failure.status);
    this.span.setStatus({
      code: SpanStatusCode.ERROR,
      ...(failure.message === undefined ? {} : { message: failure.message }),
    });
    this.span.end();
  }
}

/**
 * Exports a span per exchange on the OpenTelemetry GenAI semantic conventions (see
 * exchangeAttributes.ts), through its own tracer provider (nothing global is registered) and a batch
 * processor to an OTLP/HTTP receiver. `shutdown()` exports what is left; servers call it in `close()`.
 */
export class ExchangeTelemetry {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly attributeOptions: AttributeOptions;

  constructor(readonly options: TelemetryOptions) {
    const chosen =
      options.exporter ??
      new OTLPTraceExporter({
        url: options.tracesUrl,
        ...(options.headers === undefined ? {} : { headers: options.headers }),
      });
    const exporter = options.onExportError ? reportingExporter(chosen, options.onExportError) : chosen;
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'tokenscope' }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    this.tracer = this.provider.getTracer('tokenscope');
    this.attributeOptions = {
      ...(options.content === undefined ? {} : { content: options.content }),
      ...(options.gate === undefined ? {} : { gate: options.gate }),
    };
  }

  /**
   * Starts an exchange's span: CLIENT for a call to an upstream (the proxy), SERVER for a served one;
   * a child of the trace the client's `traceparent` header names, if it sent one.
   */
  start(
    request: TracedRequest,
    kind: 'client' | 'server',
    options: { attributes?: Attributes; headers?: Headers } = {},
  ): ExchangeSpan {
    const parent =
      options.headers === undefined
        ? ROOT_CONTEXT
        : propagator.extract(ROOT_CONTEXT, options.headers, headerGetter);
    const span = this.tracer.startSpan(
      spanName(request),
      {
        kind: kind === 'client' ? SpanKind.CLIENT : SpanKind.SERVER,
        attributes: { ...requestAttributes(request, this.attributeOptions), ...options.attributes },
      },
      parent,
    );
    return new ExchangeSpan(span, this.attributeOptions);
  }

  /** Exports the ended spans now; never rejects (a failed export goes to `onExportError`). */
  async flush(): Promise<void> {
    await this.provider.forceFlush().catch(() => {});
  }

  /** Exports the ended spans and stops; never rejects, so that a server still closes. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => {});
  }
}
