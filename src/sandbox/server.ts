/**
 * The emulator server: a real HTTP server on 127.0.0.1 (port 0), routes matched on the raw (still
 * encoded) path, and a request log that tests read to count vendor calls. Faults (faults.ts) are
 * set per route and applied before the route's handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault, type Fault } from './faults.js';

export interface LoggedRequest {
  route: string;
  method: string;
  /** The raw request target as the vendor received it (path still encoded, with query). */
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  at: number;
  /** Set when the client closed the connection before the response was complete. */
  aborted: boolean;
  /** Set when the exchange is over (answered in full or cut by either side). */
  closed: boolean;
}

export interface RouteContext {
  params: Record<string, string>;
  url: URL;
  req: IncomingMessage;
  res: ServerResponse;
  /** The request body, read fully (sandbox bodies are small). */
  body: () => Promise<Buffer>;
  /** The fault in force for this request, for handlers that stream (reset/drip). */
  fault: Fault | undefined;
}

export interface Route {
  name: string;
  method: string;
  /** Matched against the raw path; named groups are percent-decoded into `params`. */
  pattern: RegExp;
  handler: (ctx: RouteContext) => Promise<void> | void;
}

export interface SandboxOptions {
  name: string;
  routes: Route[];
  /** The vendor's error body for a status (used by status faults and handlers). */
  errorBody: (status: number, message: string) => { headers?: Record<string, string>; body: unknown };
}

export class SandboxServer {
  readonly log: LoggedRequest[] = [];
  readonly #faults = new Map<string, Fault>();
  url = '';

  constructor(
    readonly name: string,
    readonly server: Server,
    readonly errorBody: SandboxOptions['errorBody'],
  ) {}

  /** Requests seen, optionally for one route. */
  calls(route?: string): LoggedRequest[] {
    return route ? this.log.filter((r) => r.route === route) : [...this.log];
  }
  resetLog(): void {
    this.log.length = 0;
  }
  /** Sets a fault on a route name, or `*` for every route. */
  setFault(route: string, fault: Fault): void {
    this.#faults.set(route, { ...fault });
  }
  clearFaults(): void {
    this.#faults.clear();
  }

  takeFault(route: string): Fault | undefined {
    const fault = this.#faults.get(route) ?? this.#faults.get('*');
    if (!fault) return undefined;
    if (fault.probability !== undefined && Math.random() >= fault.probability) {
      // Not this time: keep only the latency part.
      return { latencyMs: fault.latencyMs, latencyJitterMs: fault.latencyJitterMs };
    }
    if (fault.times !== undefined) {
      fault.times--;
      if (fault.times <= 0) {
        for (const [k, v] of this.#faults) if (v === fault) this.#faults.delete(k);
      }
    }
    return fault;
  }

  sendError(res: ServerResponse, status: number, message: string, extraHeaders: Record<string, string> = {}) {
    const { headers, body } = this.errorBody(status, message);
    sendJson(res, status, body, { ...headers, ...extraHeaders });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function startSandbox(opts: SandboxOptions): Promise<SandboxServer> {
  const server = createServer();
  const sandbox = new SandboxServer(opts.name, server, opts.errorBody);
  server.on('request', (req, res) => {
    void handle(sandbox, opts.routes, req, res).catch(() => {
      if (!res.headersSent) sandbox.sendError(res, 500, 'sandbox handler failed');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sandbox.url = `http://127.0.0.1:${port}`;
  return sandbox;
}

async function handle(sandbox: SandboxServer, routes: Route[], req: IncomingMessage, res: ServerResponse) {
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://sandbox.invalid');
  const rawPath = rawUrl.split('?')[0] ?? '/';
  let matched: { route: Route; params: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) continue;
    const m = route.pattern.exec(rawPath);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v ?? '');
    } catch {
      continue;
    }
    matched = { route, params };
    break;
  }
  const entry: LoggedRequest = {
    route: matched?.route.name ?? 'unmatched',
    method: req.method ?? 'GET',
    rawUrl,
    path: rawPath,
    query: url.searchParams,
    headers: req.headers,
    at: Date.now(),
    aborted: false,
    closed: false,
  };
  sandbox.log.push(entry);
  res.on('close', () => {
    if (!res.writableFinished) entry.aborted = true;
    entry.closed = true;
  });
  if (!matched) {
    sandbox.sendError(res, 404, `no route for ${req.method} ${rawPath}`);
    return;
  }
  const fault = sandbox.takeFault(matched.route.name);
  if (await applyFault(fault, req, res, sandbox.sendError.bind(sandbox))) return;
  let bodyPromise: Promise<Buffer> | undefined;
  const body = () => {
    bodyPromise ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    })();
    return bodyPromise;
  };
  await matched.route.handler({ params: matched.params, url, req, res, body, fault });
}
