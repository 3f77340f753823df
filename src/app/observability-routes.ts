/**
 * The server-side doors of observability: each HTTP request runs in a request context (request
 * id accepted from and echoed in `x-request-id`), inside a server span when tracing is on, and is
 * logged once when it ends (the access log line); `/metrics` and `/readyz` are answered here.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../graphql/gateway-types.js';
import { requestIdFrom, runInRequest } from '../observability/request-context.js';

/** Paths polled by probes and scrapers: their access lines go at debug level. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Runs `handle` for one request with its context, span and access log. `route` is the path as
 * logged (a download's signed token never reaches the logs). `handle` gets `onClose` to add work
 * for the end of the response: one 'close' listener here serves them all (a response already has
 * several owners listening: the server's drain count, Yoga, the download pipeline).
 */
export function observeRequest(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  handle: (onClose: (fn: () => void) => void) => void,
): void {
  const { logger } = gateway;
  const obs = gateway.observability;
  const id = requestIdFrom(req.headers['x-request-id']);
  res.setHeader('x-request-id', id);
  const method = req.method ?? 'GET';
  runInRequest(id, obs, (info) => {
    info.ip = req.socket.remoteAddress;
    const finishers: (() => void)[] = [];
    const onClose = (fn: () => void) => finishers.push(fn);
    res.once('close', () => {
      for (const fn of finishers) fn();
      const durationMs = Number(process.hrtime.bigint() - info.startedAt) / 1e6;
      const status = res.statusCode;
      const fields: Record<string, unknown> = {
        method,
        path: route,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (info.operationName) fields.operation = info.operationName;
      if (info.caller) fields.caller = info.caller;
      fields.vendorCalls = info.vendorCalls;
      if (info.codes.size > 0) fields.codes = [...info.codes];
      if (info.vendorRequestIds.length > 0) fields.vendorRequestIds = info.vendorRequestIds;
      if (!res.writableFinished) fields.aborted = true;
      if (QUIET.has(route)) logger.debug('request', fields);
      else if (status >= 500) logger.warn('request', fields);
      else logger.info('request', fields);
    });
    if (!obs.tracing) return handle(onClose);
    obs.tracing.request(
      req.headers,
      `${method} ${route}`,
      { 'http.request.method': method, 'http.route': route, 'request.id': id },
      (span) => {
        onClose(() => {
          span.setAttributes({ 'http.response.status_code': res.statusCode });
          if (res.statusCode >= 500) span.fail();
          span.end();
        });
        handle(onClose);
      },
    );
  });
}

/**
 * `/metrics`: Prometheus text, behind `Authorization: Bearer <METRICS_TOKEN>` when one is set. On
 * the main listener (`listener: 'main'`) without a token, only when METRICS_PUBLIC allows it (not
 * by default in production): otherwise 403, saying which settings open it.
 */
export async function serveMetrics(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
  listener: 'main' | 'metrics',
): Promise<void> {
  const { metrics } = gateway.observability;
  if (!metrics) return plain(res, 404, 'metrics are off (METRICS=false)\n');
  const { metricsToken, metricsPublic } = gateway.settings.observability;
  if (listener === 'main' && metricsToken === undefined && !metricsPublic) {
    return plain(
      res,
      403,
      'metrics are not served on this port without METRICS_TOKEN (or METRICS_PORT, or METRICS_PUBLIC=true)\n',
    );
  }
  const token = metricsToken?.reveal();
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    res.setHeader('www-authenticate', 'Bearer');
    return plain(res, 401, 'unauthorized\n');
  }
  const { contentType, body } = await metrics.render();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/** `/readyz`: each dependency as JSON; 503 when a critical one fails or the server drains. */
export async function serveReadiness(
  gateway: Gateway,
  res: ServerResponse,
  draining: boolean,
): Promise<void> {
  const report = await gateway.observability.readiness.report(draining);
  const ok = report.status === 'ready' || report.status === 'degraded';
  const text = JSON.stringify(report);
  res.writeHead(ok ? 200 : 503, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
