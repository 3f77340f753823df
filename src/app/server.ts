/**
 * The node:http server: `/graphql` (Yoga + GraphiQL), `/downloads/*` (signed file streams),
 * `/healthz`, `/readyz`, `/` (where GraphQL is); anything else is 404. Graceful close: stop accepting, report not-ready, let in-flight requests
 * finish, and force-close what is left after the grace period.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../graphql/gateway-types.js';
import { forwardedFrom, runWithForwarded } from '../http/forwarding.js';
import { observeRequest, serveMetrics, serveReadiness } from './observability-routes.js';
import { currentRequest } from '../observability/request-context.js';
import type { GatewayYoga } from '../graphql/yoga.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface GatewayServer {
  server: Server;
  /** The base URL the server listens on (after `listen`). */
  url: string;
  listen(port: number, host: string): Promise<string>;
  /** `/metrics` on its own listener (METRICS_PORT), after `listen`. */
  metricsUrl: string | undefined;
  /** Graceful shutdown; resolves when every connection is closed. */
  close(): Promise<void>;
  readonly draining: boolean;
}

export function createGatewayServer(
  gateway: Gateway,
  yoga: GatewayYoga,
  extraRoutes: Record<string, RouteHandler> = {},
): GatewayServer {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  // Slow-loris bounds: a caller has REQUEST_RECEIVE_TIMEOUT_MS to send its whole request (headers
  // and body), else 408 and the connection is closed. Node applies them to receiving the request
  // only: a long download (a response) is not cut. Node checks them every connectionsCheckingInterval.
  const receiveMs = gateway.settings.limits.receiveTimeoutMs;
  const timeouts = {
    requestTimeout: receiveMs,
    headersTimeout: Math.min(30_000, receiveMs),
    connectionsCheckingInterval: Math.min(1_000, receiveMs),
  };
  const obs = gateway.observability;
  const metricsHere = obs.metrics !== undefined && gateway.settings.observability.metricsPort === undefined;
  const server = createServer(timeouts, (req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    if (draining) res.setHeader('connection', 'close');
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const prefix = Object.keys(extraRoutes).find((p) => pathname.startsWith(p));
    // Logged route: a download's signed token never reaches the logs.
    const logged = prefix ? `${prefix}…` : pathname.length > 100 ? `${pathname.slice(0, 100)}…` : pathname;
    const serve = () =>
      observeRequest(gateway, req, res, logged, (onClose) => {
        if (pathname === '/healthz') return json(res, 200, { status: 'ok' });
        // Readiness from the registered checks (vendors' circuits, vault writable and its capacity
        // for once-only archives, signing key); 503 with the reason when a critical one fails.
        if (pathname === '/readyz')
          return void serveReadiness(gateway, res, draining).catch(() => res.destroy());
        if (pathname === '/metrics' && metricsHere)
          return void serveMetrics(gateway, req, res, 'main').catch(() => res.destroy());
        const route = () => {
          const handler = prefix === undefined ? undefined : extraRoutes[prefix];
          if (prefix !== undefined && handler) {
            if (!inboundAllowed(gateway, res)) return;
            observeDownload(gateway, req, res, onClose);
            const run = () =>
              handler(req, res).catch((err: unknown) => {
                gateway.logger.error('route failed', {
                  route: prefix,
                  error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
                  stack: err instanceof Error ? err.stack : undefined,
                });
                if (!res.headersSent) json(res, 500, { error: 'internal error' });
                else res.destroy();
              });
            void (obs.tracing ? obs.tracing.span('download', { 'http.route': prefix }, run) : run());
            return;
          }
          // Only /graphql is GraphQL (Yoga alone would also answer /anything/graphql).
          if (pathname === '/graphql') return void yoga(req, res);
          if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD'))
            return json(res, 200, {
              service: 'vendor-gateway',
              graphql: '/graphql',
              graphiql: gateway.settings.graphiql ? '/graphql (in a browser)' : 'off',
              health: '/healthz',
              readiness: '/readyz',
            });
          json(res, 404, { error: `not found: ${logged}; GraphQL is served at /graphql` });
        };
        // With CREDENTIAL_FORWARDING, the caller's own vendor credentials ride along this request only.
        if (gateway.settings.auth.credentialForwarding)
          runWithForwarded(forwardedFrom(req.headers, gateway.forwardingHeaders), route);
        else route();
      });
    // A small JSON POST to /graphql is read whole first, so its request context (request id,
    // access line, forwarded credentials, span) starts with the body in hand (isSmallJsonPost).
    if (pathname === '/graphql' && isSmallJsonPost(req, gateway.settings.limits.requestBytes)) {
      readBody(req, (body) => {
        (req as IncomingMessage & { body?: unknown }).body = parsedBody(body);
        serve();
      });
    } else serve();
  });
  // METRICS_PORT: /metrics on its own listener (e.g. bound to a private interface).
  const metricsServer =
    obs.metrics && gateway.settings.observability.metricsPort !== undefined
      ? createServer(timeouts, (req, res) => {
          const pathname = (req.url ?? '/').split('?')[0] ?? '/';
          if (pathname === '/metrics')
            void serveMetrics(gateway, req, res, 'metrics').catch(() => res.destroy());
          else json(res, 404, { error: 'not found' });
        })
      : undefined;

  const self: GatewayServer = {
    server,
    url: '',
    metricsUrl: undefined,
    get draining() {
      return draining;
    },
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      if (metricsServer) {
        const { metricsPort, metricsHost } = gateway.settings.observability;
        await new Promise<void>((resolve, reject) => {
          metricsServer.once('error', reject);
          metricsServer.listen(metricsPort, metricsHost, () => resolve());
        });
        const m = metricsServer.address() as AddressInfo;
        self.metricsUrl = `http://${m.family === 'IPv6' ? `[${m.address}]` : m.address}:${m.port}/metrics`;
      }
      const addr = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      self.url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${addr.port}`;
      gateway.listening(self.url); // PUBLIC_URL unset: links point here (settings stay as given)
      return self.url;
    },
    async close() {
      draining = true;
      const delay = gateway.settings.shutdownDrainDelayMs;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay)); // still serving; /readyz says 503
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = gateway.settings.shutdownTimeoutMs;
      const allDone = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r));
      let fuse: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((r) => {
        fuse = setTimeout(r, grace);
      });
      await Promise.race([allDone, timedOut]);
      clearTimeout(fuse);
      server.closeAllConnections();
      await closed;
      if (metricsServer?.listening) {
        metricsServer.closeAllConnections();
        await new Promise<void>((r) => metricsServer.close(() => r()));
      }
    },
  };
  return self;
}

/**
 * A JSON POST whose Content-Length is within LIMIT_REQUEST_BYTES is read here and handed to Yoga
 * parsed: whatwg-node takes a request's `body` property as its parsed body (as behind Express's
 * body parser). Yoga would otherwise stream even a 300-byte body through a byte-counting
 * TransformStream (its size limit wraps every body), which adds latency to each request
 * (docs/performance.md). Node's parser delivers exactly Content-Length bytes, so the limit
 * holds. Everything else goes to Yoga as sent: no, malformed or oversized Content-Length (Yoga
 * refuses it), other content types (so the CSRF check and the other parsers see them as sent).
 */
function isSmallJsonPost(req: IncomingMessage, limit: number): boolean {
  if (req.method !== 'POST') return false;
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return false;
  const length = req.headers['content-length'];
  if (length === undefined || !/^\d{1,9}$/.test(length)) return false;
  const n = Number(length);
  return n > 0 && n <= limit;
}

/**
 * The whole body, then `done`; a caller who resets or stalls past the receive timeout (Node then
 * destroys the request) ends here, its socket already closed. Plain 'data'/'end' listeners: the
 * body usually arrives with the headers and is whole a tick later (an async iterator took
 * about 0.1 ms more).
 */
function readBody(req: IncomingMessage, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  req.once('error', () => req.destroy());
}

/**
 * A JSON object with at least one key, parsed; anything else (invalid JSON, `{}`, an array, a
 * string) stays text, which Yoga parses and answers with its own error. whatwg-node reads an
 * object body only when it has keys.
 */
function parsedBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0)
      return value;
  } catch {
    // Yoga answers it: "POST body sent invalid JSON." (BAD_REQUEST)
  }
  return text;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The per-caller rate limit at the download route (callers keyed by address there). */
function inboundAllowed(gateway: Gateway, res: ServerResponse): boolean {
  const limiter = gateway.callerLimit;
  if (!limiter) return true;
  const verdict = limiter.take(`ip:${currentRequest()?.ip ?? ''}`);
  if (verdict.ok) return true;
  gateway.observability.metrics?.rateLimited.inc({ vendor: '', source: 'inbound' });
  currentRequest()?.codes.add('RATE_LIMITED');
  res.setHeader('retry-after', String(verdict.retryAfterSeconds));
  // The download route's error shape (downloads/route.ts).
  json(res, 429, {
    error: {
      message: `Too many requests from this caller: retry in ${verdict.retryAfterSeconds} s`,
      code: 'RATE_LIMITED',
      retryAfterSeconds: verdict.retryAfterSeconds,
    },
  });
  return false;
}

/** Download metrics: active streams now, bytes sent (from the socket), requests by status. */
function observeDownload(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
  onClose: (fn: () => void) => void,
): void {
  const m = gateway.observability.metrics;
  if (!m) return;
  m.downloadsActive.inc();
  const before = req.socket.bytesWritten;
  onClose(() => {
    m.downloadsActive.dec();
    m.downloadBytes.inc(Math.max(0, req.socket.bytesWritten - before));
    m.downloads.inc({ method: req.method ?? 'GET', status: String(res.statusCode) });
  });
}
