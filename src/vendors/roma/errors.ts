/**
 * ROMA's error body (`{error_code, error_msg, error_details, request_id}`) and the two refusals the
 * gateway gives a code of their own: a second running export job (RATE_LIMITED) and a second
 * download of a once-only archive (ARCHIVE_ALREADY_CONSUMED).
 */
import {
  ArchiveAlreadyConsumedError,
  type GatewayError,
  RateLimitedError,
} from '../../foundations/errors.js';
import type { VendorErrorInfo } from '../../http/vendor-http.js';
import { ROMA } from './ref.js';

/** Huawei's `{error_code, error_msg, error_details, request_id}`. */
export function parseRomaError(body: unknown, headers: Record<string, unknown>): VendorErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const msg = [b.error_msg, b.error_details].filter((x) => typeof x === 'string' && x !== '').join(': ');
  const rid = b.request_id ?? headers['x-request-id'];
  return {
    message: msg || undefined,
    vendorCode: typeof b.error_code === 'string' ? b.error_code : undefined,
    requestId: typeof rid === 'string' ? rid : undefined,
  };
}

export const CONSUMED_MESSAGE =
  'ROMA no longer has this archive: an asset package can be downloaded only once, and this one was taken before and is not in the gateway vault. Run a new export job (exportAssets) to get a new archive.';

/** ROMA's words for "you already have an export job running" (the reference names no error code). */
const JOB_RUNNING =
  /already (a |an )?(running|in progress)|job (is )?(still )?running|running (export )?job|only one/i;

/**
 * One running export job per user: ROMA refuses a second with a 4xx error body. That is "try
 * again later", not a malformed request, so it becomes RATE_LIMITED (with ROMA's vendorCode).
 */
export function classifyExportError(status: number, info: VendorErrorInfo): GatewayError | undefined {
  if (status < 400 || status >= 500 || status === 401 || status === 429) return undefined;
  if (!JOB_RUNNING.test(info.message ?? '')) return undefined;
  return new RateLimitedError(
    `ROMA runs one asset export job per user at a time and one is still running: wait until it is no longer RUNNING (assetJob), then export again. ROMA said: ${info.message ?? ''}`,
    {
      vendor: ROMA.vendor,
      httpStatus: status,
      vendorCode: info.vendorCode,
      requestId: info.requestId,
    },
  );
}

/**
 * DownloadAssetPackage: an archive is downloadable once. ROMA's documented refusal of a second
 * download (403 / 410 saying it was downloaded or is gone) is ARCHIVE_ALREADY_CONSUMED; a plain
 * 404 (an id ROMA never issued, a typo) stays NOT_FOUND, which lookups turn into null.
 */
export function classifyArchiveError(status: number, info: VendorErrorInfo): GatewayError | undefined {
  const gone =
    status === 410 || (status === 403 && /already|downloaded|no longer|expired/i.test(info.message ?? ''));
  if (!gone) return undefined;
  return new ArchiveAlreadyConsumedError(CONSUMED_MESSAGE, {
    vendor: ROMA.vendor,
    httpStatus: status,
    vendorCode: info.vendorCode,
    requestId: info.requestId,
  });
}
