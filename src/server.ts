/**
 * The node:http server: `/graphql` (Yoga + GraphiQL), `/downloads/*` (signed file streams),
 * `/healthz`, `/readyz`. Graceful close: stop accepting, report not-ready, let in-flight requests
 * finish, and force-close what is left after the grace period.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from './gateway.js';
import { forwardedFrom, runWithForwarded } from './http/forwarding.js';
import type { GatewayYoga } from './yoga.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface GatewayServer {
  server: Server;
  /** The base URL the server listens on (after `listen`). */
  url: string;
  listen(port: number, host: string): Promise<string>;
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
  const server = createServer(timeouts, (req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    if (draining) res.setHeader('connection', 'close');
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      if (draining) return json(res, 503, { status: 'draining' });
      // A vault that cannot take a once-only archive makes this replica not ready, with the reason.
      void gateway.vaultReadiness().then(
        (vault) =>
          vault && !vault.ok
            ? json(res, 503, { status: 'unavailable', reason: `vault: ${vault.message}`, vault })
            : json(res, 200, { status: 'ready' }),
        (err: unknown) => json(res, 503, { status: 'unavailable', reason: `vault: ${String(err)}` }),
      );
      return;
    }
    const route = () => {
      for (const [prefix, handler] of Object.entries(extraRoutes)) {
        if (pathname.startsWith(prefix)) {
          handler(req, res).catch((err: unknown) => {
            gateway.logger.error('route failed', { route: prefix, error: String(err) });
            if (!res.headersSent) json(res, 500, { error: 'internal error' });
            else res.destroy();
          });
          return;
        }
      }
      void yoga(req, res);
    };
    // With CREDENTIAL_FORWARDING, the caller's own vendor credentials ride along this request only.
    if (gateway.settings.auth.credentialForwarding) runWithForwarded(forwardedFrom(req.headers), route);
    else route();
  });

  const self: GatewayServer = {
    server,
    url: '',
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
      const addr = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      self.url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${addr.port}`;
      if (!gateway.settings.publicUrlExplicit) gateway.settings.publicUrl = self.url;
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
    },
  };
  return self;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
