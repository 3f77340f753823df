/**
 * The tracing interface, apart from its loader (tracing.ts) and its OpenTelemetry implementation
 * (tracing-otel.ts), so the implementation does not import the module that lazily imports it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Plugin } from 'graphql-yoga';

export type SpanAttributes = Record<string, string | number | boolean | undefined>;

export interface SpanHandle {
  setAttributes(attrs: SpanAttributes): void;
  /** Marks the span failed; `error` gives the exception event (name and message only). */
  fail(error?: unknown): void;
  end(): void;
  /** Adds this span's W3C `traceparent`/`tracestate` to outgoing headers. */
  inject(headers: Record<string, string>): void;
}

export interface Tracing {
  /** The server span of one HTTP request, child of the caller's `traceparent` if any; `fn` runs in it. */
  request<T>(
    headers: IncomingHttpHeaders,
    name: string,
    attrs: SpanAttributes,
    fn: (span: SpanHandle) => T,
  ): T;
  /** A child span of the active one around `fn`; ended when `fn` settles (failed if it throws). */
  span<T>(name: string, attrs: SpanAttributes, fn: (span: SpanHandle) => Promise<T>): Promise<T>;
  /** Starts a child span of the active one; the caller ends it. `client` = an outgoing call. */
  startSpan(name: string, attrs: SpanAttributes, kind?: 'client' | 'internal'): SpanHandle;
  /** Spans for parse, validate, context and execute; resolvers run inside the execute span. */
  yogaPlugin(): Plugin;
  /** Flushes pending spans and stops exporting. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; `/v1/traces` is appended. */
  endpoint: string;
  serviceName: string;
}
