/**
 * Per-request state: the gateway, and a signal that fires when the request's deadline
 * (REQUEST_TIMEOUT_MS) passes or the caller goes away; every vendor call of the request uses it.
 * Per-request dataloaders hang off this object (each vendor's loaders.ts, via requestCache), and
 * are let go when the request ends (endContext).
 */
import { createContextCache } from '@pothos/core';
import { createGraphQLError } from 'graphql-yoga';
import { AuthenticationError, type Principal, principalOf } from '../foundations/auth.js';
import type { Gateway } from './gateway-types.js';

const END = Symbol('end of request');

export interface Context {
  gateway: Gateway;
  signal: AbortSignal;
  principal: Principal;
  /** Clears the deadline's timer (endContext). */
  [END]?: () => void;
}

/** Every requestCache, so that endContext can drop a request's entries from all of them. */
const requestCaches: { delete(ctx: Context): void }[] = [];

/**
 * Pothos' createContextCache (one value per request, made on first use), whose entry endContext
 * deletes when the request ends. Deleting matters: on Node 20, young-generation collections keep
 * the entries of a long-lived WeakMap whose keys are young, so every request's loaders, and the
 * vendor answers in them, would live on until the next full collection (docs/performance.md).
 */
export function requestCache<T>(create: (ctx: Context) => T): (ctx: Context) => T {
  const cache = createContextCache(create);
  requestCaches.push(cache);
  return cache;
}

export async function createContext(gateway: Gateway, request: Request): Promise<Context> {
  let principal: Principal;
  try {
    principal = await principalOf(gateway.authenticator, request);
  } catch (err) {
    if (!(err instanceof AuthenticationError)) throw err;
    throw createGraphQLError(`Unauthenticated: ${err.message}`, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      },
    });
  }
  const deadline = requestDeadline(gateway.settings.requestTimeoutMs, request.signal);
  return { gateway, signal: deadline.signal, principal, [END]: deadline.end };
}

/**
 * The request's response has ended: its deadline timer is cleared (it held the request's
 * controller for REQUEST_TIMEOUT_MS) and its requestCache entries are deleted.
 */
export function endContext(ctx: Context): void {
  ctx[END]?.();
  for (const cache of requestCaches) cache.delete(ctx);
}

/**
 * A signal that aborts when `ms` pass (reason: a `TimeoutError` DOMException, as
 * `AbortSignal.timeout` gives, which vendor-http reads as "the deadline passed") or when `caller`
 * aborts (its reason).
 *
 * Not `AbortSignal.any([AbortSignal.timeout(ms), caller])`: in Node 20 the timeout signal is held
 * only weakly by the composite, and once garbage-collected its timer is cleared, so the deadline
 * silently never fires (nodejs/node#57736). That happened under load in CI: a vendor dripping
 * its body kept a call alive for its whole body (28 s) instead of the 3 s deadline. Here the
 * timer holds the controller strongly until it fires; it is unref'd so it never keeps the
 * process alive. `end` is for when the request is over: the timer goes, the signal stays as is.
 */
export function requestDeadline(ms: number, caller?: AbortSignal): { signal: AbortSignal; end: () => void } {
  const controller = new AbortController();
  if (caller?.aborted) {
    controller.abort(caller.reason);
    return { signal: controller.signal, end: () => undefined };
  }
  const onCallerAbort = () => {
    clearTimeout(timer);
    controller.abort(caller?.reason);
  };
  const timer = setTimeout(() => {
    caller?.removeEventListener('abort', onCallerAbort);
    controller.abort(new DOMException(`The request's deadline of ${ms} ms passed`, 'TimeoutError'));
  }, ms);
  timer.unref();
  caller?.addEventListener('abort', onCallerAbort, { once: true });
  const end = () => {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onCallerAbort);
  };
  return { signal: controller.signal, end };
}
