/**
 * The fault switchboard of the vendor emulators: what a test can make a route do instead of (or on
 * top of) its real answer — latency, statuses with or without Retry-After, connection resets,
 * malformed or wrong-typed bodies, truncation, slow drip, oversized bodies, hanging responses,
 * credential echoes — and the streaming that honours drip and truncation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

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
  /**
   * Serve the real answer (a JSON object) with its top-level `field` set to the credential headers
   * the request carried (Authorization, Cookie, X-Auth-Token, CSRF), as debug-minded vendors and
   * proxies reflect them in a 200. The gateway must scrub them from what it passes on.
   */
  reflectCredentials?: { field: string };
}

/** The credential headers of a request as `name: value` lines, as an echoing vendor quotes them. */
function credentialHeaders(req: IncomingMessage): string[] {
  return Object.entries(req.headers)
    .filter(([k]) => /^(authorization|cookie|x-auth-token)$|csrf/i.test(k))
    .map(([k, v]) => `${k}: ${String(v)}`);
}

/** Sends the vendor's error body (SandboxServer.sendError). */
export type SendError = (
  res: ServerResponse,
  status: number,
  message: string,
  extraHeaders?: Record<string, string>,
) => void;

/**
 * Applies `fault` to one request before its route handler runs. True when the fault answered (or
 * dropped) the request itself; false when the handler should run, possibly with a patched
 * response (content type swapped, body truncated or dripped).
 */
export async function applyFault(
  fault: Fault | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  sendError: SendError,
): Promise<boolean> {
  const latency = (fault?.latencyMs ?? 0) + Math.random() * (fault?.latencyJitterMs ?? 0);
  if (latency > 0) await sleep(latency);
  if (fault?.hang) return true; // the socket stays open until one side gives up
  if (fault?.resetBeforeHeaders) {
    req.socket.destroy();
    return true;
  }
  if (fault?.echoCredentials) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const sent = credentialHeaders(req);
    const body = Buffer.concat(chunks).toString('utf8');
    if (body) sent.push(`body: ${body}`);
    sendError(res, fault.status ?? 401, `credentials not valid: ${sent.join('; ')}`);
    return true;
  }
  if (fault?.status) {
    sendError(
      res,
      fault.status,
      `injected ${fault.status}`,
      fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
    );
    return true;
  }
  if (fault?.malformedJson) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"truncated": [1, 2');
    return true;
  }
  if (fault?.jsonBody !== undefined) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(fault.jsonBody));
    return true;
  }
  if (fault?.oversizedBytes) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const filler = Buffer.alloc(64 * 1024, 0x20);
    res.write('{"pad":"');
    for (let sent = 0; sent < fault.oversizedBytes && !res.destroyed; sent += filler.length) {
      if (!res.write(filler)) await drained(res);
    }
    res.end('"}');
    return true;
  }
  if (fault?.contentType) {
    const original = res.writeHead.bind(res);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- writeHead has many overloads; we only swap one header.
    (res as any).writeHead = (status: number, headers?: Record<string, string | number>) =>
      original(status, { ...headers, 'content-type': fault.contentType as string });
  }
  if (fault?.reflectCredentials) {
    const { field } = fault.reflectCredentials;
    const quoted = credentialHeaders(req).join('; ');
    // The handler's content-length is for its own body: dropped (the answer goes out chunked).
    const writeHead = res.writeHead.bind(res);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- writeHead has many overloads; we only drop one header.
    (res as any).writeHead = (status: number, headers?: Record<string, string | number>) => {
      const { 'content-length': _, ...rest } = headers ?? {};
      return writeHead(status, rest);
    };
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    const reflect = (chunk?: unknown) => {
      if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return end(chunk);
      try {
        const body = JSON.parse(String(chunk)) as unknown;
        if (body === null || typeof body !== 'object' || Array.isArray(body)) return end(chunk);
        return end(JSON.stringify({ ...body, [field]: quoted }));
      } catch {
        return end(chunk);
      }
    };
    res.end = reflect as ServerResponse['end'];
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
  return false;
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
