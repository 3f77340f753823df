/**
 * Per-request state: the gateway, and a signal that fires when the request's deadline
 * (REQUEST_TIMEOUT_MS) passes or the caller goes away; every vendor call of the request uses it.
 * Per-request dataloaders hang off this object (each vendor's loaders.ts, via createContextCache).
 */
import { createGraphQLError } from 'graphql-yoga';
import { AuthenticationError, type Principal } from './auth.js';
import type { Gateway } from './gateway-types.js';

export interface Context {
  gateway: Gateway;
  signal: AbortSignal;
  principal: Principal;
}

export async function createContext(gateway: Gateway, request: Request): Promise<Context> {
  let principal: Principal;
  try {
    principal = await gateway.authenticator.authenticate(request.headers);
  } catch (err) {
    if (!(err instanceof AuthenticationError)) throw err;
    throw createGraphQLError(`Unauthenticated: ${err.message}`, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      },
    });
  }
  const deadline = AbortSignal.timeout(gateway.settings.requestTimeoutMs);
  const signal = AbortSignal.any([deadline, request.signal]);
  return { gateway, signal, principal };
}
