/**
 * Tracing, as the rest of the gateway sees it. The OpenTelemetry SDK lives in `tracing-otel.ts`
 * and is imported only when OTEL_EXPORTER_OTLP_ENDPOINT is set: without it, no OpenTelemetry
 * module is loaded and every hook below is skipped by a single `undefined` check.
 */
import type { Tracing, TracingOptions } from './tracing-types.js';

export type { SpanAttributes, SpanHandle, Tracing, TracingOptions } from './tracing-types.js';

/** Loads the SDK and starts exporting; the caller calls this only when an endpoint is set. */
export async function startTracing(opts: TracingOptions): Promise<Tracing> {
  const { startOtelTracing } = await import('./tracing-otel.js');
  return startOtelTracing(opts);
}
