/** Google's error body: `{"error": {code, message, status, details}}` (google.rpc.Status). */
import type { VendorErrorInfo } from '../../http/vendor-http.js';

/** Google's `{"error": {code, message, status, details}}`. */
export function parseGoogleError(body: unknown): VendorErrorInfo {
  const e = (body as { error?: { message?: unknown; status?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (typeof e !== 'object' || e === null) return {};
  return {
    message: typeof e.message === 'string' ? e.message : undefined,
    vendorCode: typeof e.status === 'string' ? e.status : undefined,
    details: e.details,
  };
}
