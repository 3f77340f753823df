/**
 * What the vendor HTTP layer reports about each call attempt: a client span (vendor, method,
 * path template, attempt, status) whose `traceparent` goes to the vendor, the metrics, the
 * request's vendor-call count and the vendor's own request id. A no-op outside a request.
 */
import type { SpanHandle } from './tracing.js';
import { currentRequest, type RequestInfo } from './request-context.js';

/** Response headers in which vendors name their request (the vendors' own and common ones). */
const REQUEST_ID_HEADERS = [
  'opc-request-id',
  'x-request-id',
  'x-correlation-id',
  'x-goog-request-id',
  'x-amzn-requestid',
];
const MAX_VENDOR_IDS = 20;

export type CallOutcome = 'ok' | 'http_error' | 'timeout' | 'transport' | 'queue_full' | 'cancelled';

export interface VendorCallProbe {
  /** Headers to add to the outgoing request (W3C trace context). */
  readonly headers: Record<string, string>;
  /** The vendor answered (any status). */
  answered(status: number, headers: Record<string, string | string[] | undefined>): void;
  /** No answer: the call failed before a status. */
  failed(outcome: CallOutcome, error: unknown): void;
}

/** Lowercase words and versions stay; anything else (ids, names, encoded values) becomes `{}`. */
export function pathTemplate(path: string): string {
  return path
    .split('/')
    .map((seg) =>
      seg === '' || /^(v\d+(\.\d+)*|[a-z][a-zA-Z_-]{0,31})(:[a-zA-Z]+)?$/.test(seg) ? seg : '{}',
    )
    .join('/');
}

export function recordVendorRequestId(info: RequestInfo | undefined, id: string | undefined): void {
  if (!info || !id || info.vendorRequestIds.length >= MAX_VENDOR_IDS) return;
  const clipped = id.slice(0, 128);
  if (!info.vendorRequestIds.includes(clipped)) info.vendorRequestIds.push(clipped);
}

export function startVendorCall(
  vendor: string,
  method: string,
  path: string,
  attempt: number,
): VendorCallProbe | undefined {
  const req = currentRequest();
  if (!req) return undefined;
  req.vendorCalls++;
  const obs = req.obs;
  const started = process.hrtime.bigint();
  const template = pathTemplate(path);
  const span: SpanHandle | undefined = obs?.tracing?.startSpan(
    `${method} ${vendor}`,
    {
      'vendor.name': vendor,
      'http.request.method': method,
      'url.template': template,
      'http.request.resend_count': attempt > 1 ? attempt - 1 : undefined,
      'vendor.attempt': attempt,
    },
    'client',
  );
  const headers: Record<string, string> = {};
  span?.inject(headers);
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  return {
    headers,
    answered(status, resHeaders) {
      const outcome: CallOutcome = status >= 200 && status < 300 ? 'ok' : 'http_error';
      obs?.metrics?.vendorCalls.inc({ vendor, method, outcome, status: String(status) });
      obs?.metrics?.vendorLatency.observe({ vendor, outcome }, seconds());
      let vendorRequestId: string | undefined;
      for (const h of REQUEST_ID_HEADERS) {
        const v = resHeaders[h];
        if (v) {
          vendorRequestId = (Array.isArray(v) ? v[0] : v)?.slice(0, 128);
          recordVendorRequestId(req, vendorRequestId);
          break;
        }
      }
      if (span) {
        span.setAttributes({ 'http.response.status_code': status, 'vendor.request_id': vendorRequestId });
        if (status >= 400) span.fail();
        span.end();
      }
    },
    failed(outcome, error) {
      obs?.metrics?.vendorCalls.inc({ vendor, method, outcome, status: '' });
      obs?.metrics?.vendorLatency.observe({ vendor, outcome }, seconds());
      if (span) {
        span.setAttributes({ 'error.type': outcome });
        span.fail(error);
        span.end();
      }
    },
  };
}

/** A retry of a vendor call is about to happen. */
export function countRetry(vendor: string, reason: string): void {
  currentRequest()?.obs?.metrics?.retries.inc({ vendor, reason });
}

/** A vendor call ended RATE_LIMITED (`queue`: our queue was full; `upstream`: the vendor said 429). */
export function countRateLimited(vendor: string, source: 'queue' | 'upstream'): void {
  currentRequest()?.obs?.metrics?.rateLimited.inc({ vendor, source });
}
