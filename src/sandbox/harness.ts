/**
 * The small shared harness under every vendor emulator: a real HTTP server on 127.0.0.1 (port 0),
 * routes matched on the raw (still encoded) path, a request log that tests read to count vendor
 * calls, and a fault switchboard per route (latency, statuses with or without Retry-After,
 * connection resets, malformed or wrong-typed bodies, truncation, slow drip, oversized bodies,
 * hanging responses).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

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
}

export interface Fault {
  /** Added before anything else. */
  latencyMs?: number;
  /** Answer this status with the vendor's error body instead of the real handler. */
  status?: number;
  retryAfter?: string;
  /** Destroy the socket before any header is written. */
  resetBeforeHeaders?: boolean;
  /** Serve the real response but destroy the socket after this many body bytes. */
  resetAfterBytes?: number;
  /** Serve a body that is not JSON, with a JSON content type. */
  malformedJson?: boolean;
  /** Serve this JSON body (200, JSON content type) instead of the real one: a body of the wrong shape. */
  jsonBody?: unknown;
  /** Serve the real body with this content type. */
  contentType?: string;
  /** Serve the real body, paced to this many bytes per 100 ms. */
  dripBytesPer100ms?: number;
  /** Serve a JSON body of this many bytes. */
  oversizedBytes?: number;
  /** Never answer (the connection stays open until the client gives up or the server closes). */
  hang?: boolean;
  /** Apply to the next N matching requests only (default: until cleared). */
  times?: number;
  /** Apply the failure parts (status, resets, malformed…) to a random share of requests (0..1). */
  probability?: number;
  /** Random extra latency up to this many ms (applied to every matching request). */
  latencyJitterMs?: number;
  /**
   * Answer `status` (default 401) with the vendor's error body whose message echoes the request's
   * credentials (Authorization, Cookie, X-Auth-Token, CSRF headers) and body, as careless vendors
   * and proxies do ("token not valid: Bearer …"). The gateway must scrub them.
   */
  echoCredentials?: boolean;
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

/** Resolves when the response can take more data, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams `body` to the response honouring a fault's drip and reset-after-bytes (for large
 * generated files); backpressure is respected either way.
 */
export async function streamBody(
  res: ServerResponse,
  body: Readable,
  fault: Fault | undefined,
): Promise<void> {
  const limit = fault?.resetAfterBytes;
  const drip = fault?.dripBytesPer100ms;
  let sent = 0;
  try {
    for await (const raw of body) {
      let chunk = raw as Buffer;
      while (chunk.length > 0) {
        let piece = drip !== undefined ? chunk.subarray(0, drip) : chunk;
        chunk = chunk.subarray(piece.length);
        if (limit !== undefined && sent + piece.length >= limit) {
          piece = piece.subarray(0, limit - sent);
          if (piece.length) res.write(piece);
          await new Promise((r) => setImmediate(r));
          res.socket?.destroy();
          body.destroy();
          return;
        }
        sent += piece.length;
        if (res.destroyed) {
          body.destroy();
          return;
        }
        if (!res.write(piece)) await drained(res);
        if (drip !== undefined) await sleep(100);
      }
    }
    res.end();
  } catch {
    res.destroy();
  }
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
  };
  sandbox.log.push(entry);
  res.on('close', () => {
    if (!res.writableFinished) entry.aborted = true;
  });
  if (!matched) {
    sandbox.sendError(res, 404, `no route for ${req.method} ${rawPath}`);
    return;
  }
  const fault = sandbox.takeFault(matched.route.name);
  const latency = (fault?.latencyMs ?? 0) + Math.random() * (fault?.latencyJitterMs ?? 0);
  if (latency > 0) await sleep(latency);
  if (fault?.hang) return; // the socket stays open until one side gives up
  if (fault?.resetBeforeHeaders) {
    req.socket.destroy();
    return;
  }
  if (fault?.echoCredentials) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const sent = Object.entries(req.headers)
      .filter(([k]) => /^(authorization|cookie|x-auth-token)$|csrf/i.test(k))
      .map(([k, v]) => `${k}: ${String(v)}`);
    const body = Buffer.concat(chunks).toString('utf8');
    if (body) sent.push(`body: ${body}`);
    sandbox.sendError(res, fault.status ?? 401, `credentials not valid: ${sent.join('; ')}`);
    return;
  }
  if (fault?.status) {
    sandbox.sendError(
      res,
      fault.status,
      `injected ${fault.status}`,
      fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
    );
    return;
  }
  if (fault?.malformedJson) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"truncated": [1, 2');
    return;
  }
  if (fault?.jsonBody !== undefined) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(fault.jsonBody));
    return;
  }
  if (fault?.oversizedBytes) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const filler = Buffer.alloc(64 * 1024, 0x20);
    res.write('{"pad":"');
    for (let sent = 0; sent < fault.oversizedBytes && !res.destroyed; sent += filler.length) {
      if (!res.write(filler)) await drained(res);
    }
    res.end('"}');
    return;
  }
  if (fault?.contentType) {
    const original = res.writeHead.bind(res);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- writeHead has many overloads; we only swap one header.
    (res as any).writeHead = (status: number, headers?: Record<string, string | number>) =>
      original(status, { ...headers, 'content-type': fault.contentType as string });
  }
  if (fault?.resetAfterBytes !== undefined || fault?.dripBytesPer100ms !== undefined) {
    // Handlers that answer with one `end(body)` (JSON routes) get the truncation/drip too.
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    const patched = (chunk?: unknown) => {
      if (chunk === undefined || typeof chunk === 'function') return end();
      res.end = end as ServerResponse['end'];
      void streamBody(res, Readable.from([Buffer.from(chunk as string)]), fault);
      return res;
    };
    res.end = patched as ServerResponse['end'];
  }
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

/** The bearer token of a request, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

/** Decodes HTTP Basic credentials. */
export function basicAuth(req: IncomingMessage): { user: string; pass: string } | undefined {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

/** A deterministic PRNG (mulberry32) so fixtures are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A v4-shaped UUID from a PRNG. */
export function fakeUuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
