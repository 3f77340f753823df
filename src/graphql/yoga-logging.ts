/** How Yoga's own errors and CSRF refusals reach the gateway's log: once each, at the right level. */
import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { isGatewayError } from '../foundations/errors.js';
import type { Logger } from '../observability/logger.js';
import { currentRequest, requestIdFrom } from '../observability/request-context.js';

/** Errors already logged by the gateway (Yoga reports some errors more than once). */
const logged = new WeakSet<object>();

const CSRF_REFUSAL =
  'This request needs the header X-GraphQL-Yoga-CSRF (any value) or Apollo-Require-Preflight: a GET or form request without it could be a cross-site request forgery. A POST with Content-Type: application/json needs neither.';

/**
 * A CSRF refusal is the caller's problem, not the server's: one warn line with the request id
 * (the caller's `x-request-id`, else a new one), instead of Yoga's error lines.
 */
export function logCsrfRefusals(plugin: Plugin, logger: Logger): Plugin {
  const check = plugin.onRequestParse;
  if (!check) return plugin;
  return {
    ...plugin,
    onRequestParse(payload) {
      try {
        return check(payload);
      } catch (err) {
        const { request } = payload;
        logger.warn('CSRF check refused a request', {
          // The request context's id (the one echoed in `x-request-id`), when served over HTTP.
          requestId: currentRequest()?.id ?? requestIdFrom(request.headers.get('x-request-id') ?? undefined),
          method: request.method,
        });
        // Yoga's "Required CSRF header(s) not present" does not say what to send.
        const refusal =
          err instanceof GraphQLError
            ? createGraphQLError(CSRF_REFUSAL, { extensions: err.extensions })
            : err;
        if (typeof refusal === 'object' && refusal !== null) logged.add(refusal);
        throw refusal;
      }
    },
  };
}

/**
 * Yoga reports every error it masks (some twice). The request's access line already names every
 * code answered, so: a vendor failure is one debug line with its details; an error about the
 * caller's request (bad document, CSRF, authentication, rate limit: a GraphQLError made on
 * purpose) is not logged again; anything else is a gateway fault, logged once at error with its
 * cause.
 */
const loggedFaults = new WeakSet<object>();
export function logYogaError(logger: Logger, error: unknown): void {
  if (typeof error === 'object' && error !== null && logged.has(error)) return;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isGatewayError(original)) {
    logger.debug('field failed', {
      code: original.code,
      vendor: original.vendor,
      httpStatus: original.httpStatus,
      path: error instanceof GraphQLError ? error.path?.join('.') : undefined,
    });
    return;
  }
  if (original instanceof GraphQLError) return; // the caller's mistake, answered with its code
  if (typeof original === 'object' && original !== null) {
    if (loggedFaults.has(original)) return;
    loggedFaults.add(original);
  }
  logger.error('request failed', {
    error: original instanceof Error ? `${original.name}: ${original.message}` : String(original),
    stack: original instanceof Error ? original.stack : undefined,
    path: error instanceof GraphQLError ? error.path?.join('.') : undefined,
  });
}
