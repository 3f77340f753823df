/**
 * The one error class tree of the gateway (undici's style: a base class and one subclass per
 * failure, each with a stable `code`). Resolvers and the HTTP layer throw these; `toGraphQLError`
 * in `schema/errors.ts` is the one place they become GraphQL errors. Messages never contain
 * credentials: vendor bodies are reduced to their documented safe fields before they get here.
 */

/**
 * The codes of the gateway's errors (docs/api.md's error table, which adds UNAUTHENTICATED): the
 * one list; the `ErrorCode` type, the download route's statuses and the tests derive from it.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UPSTREAM_UNAUTHENTICATED',
  'UPSTREAM_FORBIDDEN',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_INVALID_RESPONSE',
  'VENDOR_NOT_CONFIGURED',
  'ARCHIVE_ALREADY_CONSUMED',
  'VAULT_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every code a caller can receive: ERROR_CODES, UNAUTHENTICATED (no valid credential, refused
 * before any resolver), and GraphQL's own for a malformed request (docs/api.md, under the table).
 */
export const ANSWERED_CODES = [
  ...ERROR_CODES,
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
] as const;

/**
 * A vendor's `Vendor` enum value (its module's `vendor`). The set is open: each vendor
 * module declares its own (src/vendors/index.ts lists them), so no file here lists vendors.
 * Branded: only a vendor's ref (`vendorRef`) makes one, so an enum value written out anywhere
 * else does not typecheck; a vendor registered at run time makes its own the same way.
 */
export type VendorName = string & { readonly __vendorName: unique symbol };

export interface ErrorDetails {
  vendor?: VendorName | undefined;
  httpStatus?: number | undefined;
  vendorCode?: string | undefined;
  requestId?: string | undefined;
  /** The vendor error body's `details` (the common `{code, message, details}` status style), already scrubbed. */
  details?: unknown;
  cause?: unknown;
}

export abstract class GatewayError extends Error {
  abstract readonly code: ErrorCode;
  readonly vendor: VendorName | undefined;
  readonly httpStatus: number | undefined;
  readonly vendorCode: string | undefined;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.vendor = details.vendor;
    this.httpStatus = details.httpStatus;
    this.vendorCode = details.vendorCode;
    this.requestId = details.requestId;
    this.details = details.details;
  }

  /** The `extensions` a GraphQL client sees: only defined, non-secret fields. */
  get extensions(): Record<string, unknown> {
    const ext: Record<string, unknown> = { code: this.code };
    if (this.vendor) ext.vendor = this.vendor;
    if (this.httpStatus !== undefined) ext.httpStatus = this.httpStatus;
    if (this.vendorCode) ext.vendorCode = this.vendorCode;
    if (this.requestId) ext.requestId = this.requestId;
    if (this.details !== undefined) ext.details = this.details;
    return ext;
  }
}

export class BadUserInputError extends GatewayError {
  readonly code = 'BAD_USER_INPUT';
}
export class NotFoundError extends GatewayError {
  readonly code = 'NOT_FOUND';
}
/** The caller of the gateway may not do this (scopes, PKI export...). */
export class ForbiddenError extends GatewayError {
  readonly code = 'FORBIDDEN';
}
export class UpstreamUnauthenticatedError extends GatewayError {
  readonly code = 'UPSTREAM_UNAUTHENTICATED';
}
export class UpstreamForbiddenError extends GatewayError {
  readonly code = 'UPSTREAM_FORBIDDEN';
}
export class RateLimitedError extends GatewayError {
  readonly code = 'RATE_LIMITED';
}
export class UpstreamUnavailableError extends GatewayError {
  readonly code = 'UPSTREAM_UNAVAILABLE';
}
export class UpstreamTimeoutError extends GatewayError {
  readonly code = 'UPSTREAM_TIMEOUT';
}
export class UpstreamInvalidResponseError extends GatewayError {
  readonly code = 'UPSTREAM_INVALID_RESPONSE';
}
export class VendorNotConfiguredError extends GatewayError {
  readonly code = 'VENDOR_NOT_CONFIGURED';
}
export class ArchiveAlreadyConsumedError extends GatewayError {
  readonly code = 'ARCHIVE_ALREADY_CONSUMED';
}

/** Why the vault cannot take or give a file (`extensions.reason`). */
export type VaultProblem =
  | 'NOT_WRITABLE'
  | 'LOW_SPACE'
  | 'STORAGE_ERROR'
  | 'KEY_MISMATCH'
  /** REDIS_URL is set and Redis cannot be reached: the once-only lock cannot be taken safely. */
  | 'LOCK_UNAVAILABLE'
  /** This replica's once-only lock expired and another replica took over: it did not commit. */
  | 'LOCK_LOST';

/**
 * The gateway's own archive vault cannot do its part: not writable, too little free space, a
 * storage error while writing, or an entry sealed with another VAULT_ENCRYPTION_KEY. A gateway
 * fault, never a vendor's: no vendor is named.
 */
export class VaultUnavailableError extends GatewayError {
  readonly code = 'VAULT_UNAVAILABLE';
  constructor(
    message: string,
    readonly reason: VaultProblem,
    details: ErrorDetails = {},
  ) {
    super(message, details);
  }
  override get extensions(): Record<string, string | number> {
    return { ...super.extensions, reason: this.reason };
  }
}

/** The operation is over a configured limit (cost, depth, aliases, directives, tokens). */
export class QueryTooComplexError extends GatewayError {
  readonly code = 'QUERY_TOO_COMPLEX';
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
