/**
 * What the gateway knows about the HTTP request being served, carried by AsyncLocalStorage so that
 * every log line, vendor call and span of a request can find it without threading it through each
 * function: the request id, the operation name, the vendor calls made and the error codes answered.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Observability } from './index.js';

export interface RequestInfo {
  /** The caller's `x-request-id` when it is a sane token, else a fresh UUID; echoed in the response. */
  readonly id: string;
  readonly startedAt: bigint;
  operationName?: string | undefined;
  operationType?: string | undefined;
  vendorCalls: number;
  /** `extensions.code` of every error answered (deduplicated, in order). */
  readonly codes: Set<string>;
  /** Request ids vendors gave for their calls (response headers or error bodies). */
  readonly vendorRequestIds: string[];
  /** The caller (principal id) once authenticated. */
  caller?: string | undefined;
  /** The peer address (the per-caller rate limit keys anonymous callers by it). */
  ip?: string | undefined;
  /** The gateway's metrics and tracer, for code that has no gateway at hand (the HTTP layer). */
  readonly obs: Observability | undefined;
}

const store = new AsyncLocalStorage<RequestInfo>();

/** The request being served, if any (undefined outside a request, e.g. a timer). */
export function currentRequest(): RequestInfo | undefined {
  return store.getStore();
}

const SAFE_ID = /^[\w.:@/+=-]{1,128}$/;

/** The id a request is logged under: the caller's `x-request-id` if it is a safe token. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SAFE_ID.test(given) ? given : randomUUID();
}

export function runInRequest<T>(id: string, obs: Observability | undefined, fn: (info: RequestInfo) => T): T {
  const info: RequestInfo = {
    id,
    startedAt: process.hrtime.bigint(),
    vendorCalls: 0,
    codes: new Set(),
    vendorRequestIds: [],
    obs,
  };
  return store.run(info, fn, info);
}
