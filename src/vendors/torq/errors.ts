/**
 * Torq's error body (google.rpc.Status: `{code, message, details}`), and the
 * UPSTREAM_INVALID_RESPONSE of an integration list that could not be read.
 */
import { UpstreamInvalidResponseError } from '../../foundations/errors.js';
import type { VendorErrorInfo } from '../../http/vendor-http.js';
import type { ListProblem } from './list.js';
import { TORQ } from './ref.js';

/** Torq's error body (google.rpc.Status): `{code, message, details}`. */
export function parseTorqError(body: unknown, headers: Record<string, unknown>): VendorErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    message: typeof b.message === 'string' ? b.message : undefined,
    vendorCode: typeof b.code === 'number' || typeof b.code === 'string' ? String(b.code) : undefined,
    requestId: typeof headers['x-request-id'] === 'string' ? headers['x-request-id'] : undefined,
    details: b.details,
  };
}

/** The UPSTREAM_INVALID_RESPONSE of a list that could not be read (shape, size, JSON). */
export function listError(p: ListProblem): UpstreamInvalidResponseError {
  return new UpstreamInvalidResponseError(`Torq sent an integration list with ${p.field}: ${p.problem}`, {
    vendor: TORQ.vendor,
    httpStatus: 200,
    details: { field: p.field, problem: p.problem, ...(p.limit === undefined ? {} : { limit: p.limit }) },
  });
}
