/**
 * One gateway's observability: metrics (unless METRICS=off), tracing (only with an OTLP
 * endpoint) and the readiness checks. Code inside a request reaches it
 * through the request context (`currentRequest().obs`), so the vendor clients need no extra wiring.
 */
import type { ObservabilitySettings } from '../settings/load.js';
import { Metrics, type MetricsSources } from './metrics.js';
import { Readiness } from './readiness.js';
import type { Tracing } from './tracing.js';

export interface Observability {
  metrics: Metrics | undefined;
  /** Set by `createApp` once the SDK is loaded (OTEL_EXPORTER_OTLP_ENDPOINT); otherwise undefined. */
  tracing: Tracing | undefined;
  readiness: Readiness;
}

export function createObservability(settings: ObservabilitySettings, sources: MetricsSources): Observability {
  return {
    metrics: settings.metrics ? new Metrics(sources) : undefined,
    tracing: undefined,
    readiness: new Readiness(),
  };
}
