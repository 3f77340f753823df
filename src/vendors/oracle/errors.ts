/** Oracle's error bodies vary by gateway layer: the usual message/code fields, if present. */
import type { VendorErrorInfo } from '../../http/vendor-http.js';

export function parseOracleError(body: unknown, headers: Record<string, unknown>): VendorErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const msg = b.message ?? b.errorMessage ?? b.detail ?? b.title;
  const code = b.code ?? b.errorCode ?? b['o:errorCode'];
  const rid = headers['opc-request-id'] ?? headers['x-oracle-dms-ecid'];
  return {
    message: typeof msg === 'string' ? msg : undefined,
    vendorCode: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
    requestId: typeof rid === 'string' ? rid : undefined,
  };
}
