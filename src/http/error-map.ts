/**
 * The one error mapper of the vendor HTTP path: what a vendor's status, error body or a failed
 * transport means as a gateway error code. The layers (pipeline.ts, resilience.ts,
 * credentials.ts) pass raw outcomes through; `VendorHttp` maps them here once, at the end of a
 * call or of a body read. Vendor text reaches errors only through `readErrorInfo`, which scrubs
 * every credential the request carried (scrub.ts).
 */
import { errors as undiciErrors } from 'undici';
import {
  BadUserInputError,
  type GatewayError,
  isGatewayError,
  NotFoundError,
  RateLimitedError,
  UpstreamForbiddenError,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
  UpstreamUnauthenticatedError,
  UpstreamUnavailableError,
  type VendorName,
} from '../foundations/errors.js';
import type { Layer } from './layers.js';
import { clip, credentialValues, redactInfo, scrubDetails } from './scrub.js';
import type { VendorErrorInfo, VendorResponse } from './types.js';

export type { VendorErrorInfo };

export type ErrorBodyParser = (
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
) => VendorErrorInfo;

/** A vendor-specific error for a status, before the generic mapping (e.g. a once-only download's rule). */
export type StatusClassifier = (status: number, info: VendorErrorInfo) => GatewayError | undefined;

const ERROR_BODY_CAP = 64 * 1024;

/** undici's own timeouts (connect, headers, body). */
export function isTransportTimeout(err: unknown): boolean {
  return (
    err instanceof undiciErrors.ConnectTimeoutError ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError
  );
}

export class ErrorMapper {
  constructor(
    readonly vendor: VendorName,
    readonly label: string,
    readonly parseError?: ErrorBodyParser,
    readonly classify?: StatusClassifier,
  ) {}

  /** A non-2xx answer as the gateway's error. */
  status(status: number, info: VendorErrorInfo): GatewayError {
    const specific = this.classify?.(status, info);
    if (specific) return specific;
    const details = { vendor: this.vendor, httpStatus: status, ...info };
    const said = info.message ? `: ${info.message}` : '';
    if (status === 400) return new BadUserInputError(`${this.label} rejected the request${said}`, details);
    if (status === 401)
      return new UpstreamUnauthenticatedError(
        `${this.label} did not accept the gateway's credentials${said}`,
        details,
      );
    if (status === 403) return new UpstreamForbiddenError(`${this.label} refused access${said}`, details);
    if (status === 404) return new NotFoundError(`${this.label} has no such resource${said}`, details);
    if (status === 429)
      return new RateLimitedError(`${this.label} is rate limiting the gateway${said}`, details);
    if (status === 408 || status === 504)
      return new UpstreamTimeoutError(`${this.label} timed out${said}`, details);
    if (status >= 500)
      return new UpstreamUnavailableError(`${this.label} failed with ${status}${said}`, details);
    return new UpstreamInvalidResponseError(`${this.label} answered an unexpected ${status}${said}`, details);
  }

  /** A failure to send or receive (or our own shaped error, passed as is). */
  transport(err: unknown, signal: AbortSignal | undefined): GatewayError {
    if (isGatewayError(err)) return err;
    const details = { vendor: this.vendor, cause: err };
    if (signal?.aborted) {
      const deadline = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      return new UpstreamTimeoutError(
        deadline ? `${this.label}: the request's deadline passed` : `${this.label}: the call was cancelled`,
        details,
      );
    }
    if (isTransportTimeout(err)) {
      return new UpstreamTimeoutError(`${this.label} did not answer in time`, details);
    }
    return new UpstreamUnavailableError(
      `${this.label} could not be reached or closed the connection`,
      details,
    );
  }

  /** The code `transport` would give, without building the error (retry decisions, metrics). */
  transportCode(err: unknown, signal: AbortSignal | undefined): string {
    if (isGatewayError(err)) return err.code;
    return signal?.aborted || isTransportTimeout(err) ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE';
  }

  /**
   * Reads (≤ 64 KiB) and parses a non-2xx body. Vendors may echo what they were sent: every one
   * of `secrets` (see `credentialValues`) is scrubbed before clipping, so no clipped part of a
   * credential survives into an error, a response or a log line.
   */
  async readErrorInfo(res: VendorResponse, secrets: readonly string[]): Promise<VendorErrorInfo> {
    let text = '';
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > ERROR_BODY_CAP) {
          res.body.destroy();
          break;
        }
        chunks.push(chunk as Buffer);
      }
      text = Buffer.concat(chunks).toString('utf8');
    } catch {
      // An unreadable error body still leaves the status to report.
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the parser below sees the text
    }
    const info = redactInfo(this.parseError?.(body, res.headers) ?? {}, secrets);
    return {
      message: info.message ? clip(info.message) : undefined,
      vendorCode: info.vendorCode ? clip(info.vendorCode, 128) : undefined,
      requestId: info.requestId ? clip(info.requestId, 128) : undefined,
      details: scrubDetails(info.details, secrets),
    };
  }
}

/**
 * Reads the body of every non-2xx answer into `call.error` (scrubbed of every credential the
 * attempt carried), so the connection is free before a retry and the mapper at the end has
 * what the vendor said.
 */
export function readErrorBodies(errors: ErrorMapper): Layer {
  return async (call, next) => {
    const res = await next(call);
    if (res.statusCode >= 200 && res.statusCode < 300) return res;
    const { req } = call;
    call.error = await errors.readErrorInfo(
      res,
      credentialValues({ ...req.headers, ...call.auth }, req.body),
    );
    return res;
  };
}
