/**
 * The OpenTelemetry side of `Tracing` (loaded on demand): a NodeTracerProvider with a batch
 * processor exporting OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT, the W3C trace-context
 * propagator, and AsyncLocalStorage context so spans nest across awaits.
 * Spans are made by hand at the gateway's few doors (server, Yoga phases, loader batches, the one
 * vendor HTTP layer, downloads) rather than by monkey-patching instrumentations: the attributes
 * then say what matters here (vendor, path template, attempt) and nothing else.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context as OtelContext,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { SpanAttributes, SpanHandle, Tracing, TracingOptions } from './tracing-types.js';

function clean(attrs: SpanAttributes): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

function handle(span: Span): SpanHandle {
  return {
    setAttributes: (a) => span.setAttributes(clean(a)),
    fail: (error) => {
      span.setStatus({ code: SpanStatusCode.ERROR });
      if (error instanceof Error) span.recordException({ name: error.name, message: error.message });
    },
    end: () => span.end(),
    inject: (headers) => propagation.inject(trace.setSpan(context.active(), span), headers),
  };
}

export function startOtelTracing(opts: TracingOptions): Tracing {
  const exporter = new OTLPTraceExporter({ url: `${opts.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 })],
  });
  // Sets the global context manager (AsyncLocalStorage) and the W3C propagator.
  provider.register();
  const tracer = provider.getTracer('vendor-gateway');

  const inSpan = <T>(name: string, attrs: SpanAttributes, wrapped: () => T, parent?: OtelContext): T => {
    const span = tracer.startSpan(name, { attributes: clean(attrs) }, parent ?? context.active());
    const ctx = trace.setSpan(parent ?? context.active(), span);
    let result: T;
    try {
      result = context.with(ctx, wrapped);
    } catch (err) {
      handle(span).fail(err);
      span.end();
      throw err;
    }
    if (result instanceof Promise) {
      return result.then(
        (v: unknown) => {
          span.end();
          return v;
        },
        (err: unknown) => {
          handle(span).fail(err);
          span.end();
          throw err;
        },
      ) as T;
    }
    span.end();
    return result;
  };

  return {
    request(headers: IncomingHttpHeaders, name, attrs, fn) {
      const parent = propagation.extract(context.active(), headers);
      const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: clean(attrs) }, parent);
      return context.with(trace.setSpan(parent, span), () => fn(handle(span)));
    },
    span(name, attrs, fn) {
      const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: clean(attrs) });
      const h = handle(span);
      return context.with(trace.setSpan(context.active(), span), () =>
        fn(h).then(
          (v) => {
            span.end();
            return v;
          },
          (err: unknown) => {
            h.fail(err);
            span.end();
            throw err;
          },
        ),
      );
    },
    startSpan(name, attrs, kind = 'internal') {
      return handle(
        tracer.startSpan(name, {
          kind: kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL,
          attributes: clean(attrs),
        }),
      );
    },
    yogaPlugin(): Plugin {
      return {
        // Runs inside the execute span: name the operation on it.
        onExecute({ args }) {
          const op = getOperationAST(args.document, args.operationName);
          trace
            .getActiveSpan()
            ?.setAttributes(
              clean({ 'graphql.operation.name': op?.name?.value, 'graphql.operation.type': op?.operation }),
            );
        },
        instrumentation: {
          parse: (_p, wrapped) => inSpan('graphql.parse', {}, wrapped),
          validate: (_p, wrapped) => inSpan('graphql.validate', {}, wrapped),
          context: (_p, wrapped) => inSpan('graphql.context', {}, wrapped),
          execute: (_p, wrapped) => inSpan('graphql.execute', {}, wrapped),
        },
      };
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}
