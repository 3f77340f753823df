/** Akana's error bodies: `{message | error | faultstring, code}` (the platform's layers differ). */
import type { VendorErrorInfo } from '../../http/vendor-http.js';

export function parseAkanaError(body: unknown): VendorErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const msg = b.message ?? b.error ?? b.faultstring;
  return {
    message: typeof msg === 'string' ? msg : undefined,
    vendorCode: typeof b.code === 'string' || typeof b.code === 'number' ? String(b.code) : undefined,
  };
}
