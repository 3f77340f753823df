/**
 * The download route's refusals: a JSON body with the code, the HTTP status of each code, and the
 * headers every answer carries.
 */
import type { ServerResponse } from 'node:http';
import {
  type ErrorCode,
  type GatewayError,
  isGatewayError,
  UpstreamTimeoutError,
} from '../foundations/errors.js';

/** The HTTP status of each code (a GraphQL answer is 200 whatever its errors; a download is not). */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ARCHIVE_ALREADY_CONSUMED: 410,
  RATE_LIMITED: 429,
  UPSTREAM_UNAUTHENTICATED: 502,
  UPSTREAM_FORBIDDEN: 502,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_INVALID_RESPONSE: 502,
  VENDOR_NOT_CONFIGURED: 503,
  VAULT_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
};

/** On every answer of the route, file or refusal. */
export const SECURITY_HEADERS = {
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The deadline's error: the vendor's own timeout error when that is what the source threw. */
export function timeoutError(err: unknown, ms: number): GatewayError {
  if (isGatewayError(err) && err.code === 'UPSTREAM_TIMEOUT') return err;
  return new UpstreamTimeoutError(`The vendor did not answer within the download's deadline of ${ms} ms`);
}

export function sendGatewayError(res: ServerResponse, e: GatewayError | undefined): void {
  if (!e) {
    sendError(res, 502, 'UPSTREAM_UNAVAILABLE', 'The file could not be fetched');
    return;
  }
  sendError(res, STATUS_BY_CODE[e.code], e.code, e.message, e.extensions);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, ...extensions, code } });
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
