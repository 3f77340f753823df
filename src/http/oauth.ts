import { UpstreamInvalidResponseError } from '../foundations/errors.js';
import type { IssuedCredential } from './token-cache.js';
import type { VendorHttp, VendorRequest } from './vendor-http.js';

/**
 * An OAuth-style token call (client credentials): sends `req` without the vendor credential, and
 * reads `{access_token, expires_in}` from the answer, `defaultTtlSeconds` when it gives no expiry.
 */
export async function fetchAccessToken(
  http: VendorHttp,
  req: VendorRequest,
  defaultTtlSeconds: number,
): Promise<IssuedCredential> {
  const { data } = await http.json({ ...req, authenticate: false, idempotent: true });
  const t = (data ?? {}) as { access_token?: unknown; expires_in?: unknown };
  if (typeof t.access_token !== 'string' || t.access_token === '') {
    throw new UpstreamInvalidResponseError(`${http.label} token endpoint returned no access_token`, {
      vendor: http.vendor,
    });
  }
  const expiresIn = typeof t.expires_in === 'number' ? t.expires_in : defaultTtlSeconds;
  return { value: t.access_token, expiresInMs: expiresIn * 1000 };
}
