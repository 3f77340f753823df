/**
 * Per-request state: the gateway, and a signal that fires when the request's deadline
 * (REQUEST_TIMEOUT_MS) passes or the caller goes away; every vendor call of the request uses it.
 * Per-request dataloaders hang off this object (each vendor's loaders.ts, via createContextCache).
 */
import { createGraphQLError } from 'graphql-yoga';
import { AuthenticationError, type Principal, principalOf } from './auth.js';
import type { Gateway } from './gateway-types.js';

export interface Context {
  gateway: Gateway;
  signal: AbortSignal;
  principal: Principal;
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
  const signal = deadlineSignal(gateway.settings.requestTimeoutMs, request.signal);
  return { gateway, signal, principal };
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
 * process alive.
 */
export function deadlineSignal(ms: number, caller?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (caller?.aborted) {
    controller.abort(caller.reason);
    return controller.signal;
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
  return controller.signal;
}
