/**
 * Per-request state: the gateway, and a signal that fires when the request's deadline
 * (REQUEST_TIMEOUT_MS) passes or the caller goes away; every vendor call of the request uses it.
 * Per-request dataloaders hang off this object (each vendor's loaders.ts, via createContextCache).
 */
import type { Gateway } from './gateway.js';

export interface Context {
  gateway: Gateway;
  signal: AbortSignal;
}

export function createContext(gateway: Gateway, request?: Request): Context {
  const deadline = AbortSignal.timeout(gateway.settings.requestTimeoutMs);
  const signal = request?.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  return { gateway, signal };
}
