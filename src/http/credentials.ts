/**
 * The credential layers: which credential an attempt carries (the caller's own forwarded one,
 * forwarding.ts, or the gateway's, `VendorAuth`: auth.ts, token-cache.ts, oauth.ts), and one
 * fresh start after a 401 when the gateway's credential can be renewed.
 */
import type { VendorName } from '../foundations/errors.js';
import { forwardedCredential } from './forwarding.js';
import type { Layer } from './layers.js';
import type { VendorAuth } from './types.js';

/** Sets `call.auth` for this attempt (fetched per attempt: a token may have been renewed). */
export function attachCredentials(
  vendor: VendorName,
  auth: VendorAuth | undefined,
  forwardedHeaders: ((credential: string) => Record<string, string>) | undefined,
): Layer {
  return async (call, next) => {
    if (call.req.authenticate !== false) {
      const forwarded = forwardedCredential(vendor);
      call.forwarded = forwarded !== undefined;
      if (forwarded !== undefined && forwardedHeaders) call.auth = forwardedHeaders(forwarded);
      else if (auth) call.auth = await auth.headers(call.req.signal);
    }
    return next(call);
  };
}

/**
 * A 401 to the gateway's own renewable credential: drop it and run the call once more from the
 * start (a fresh call, not a retry: attempts and the retry budget count again). Never for a
 * caller's forwarded credential, never twice.
 */
export function renewOn401(auth: VendorAuth | undefined): Layer {
  return async (call, next) => {
    const res = await next(call);
    if (res.statusCode !== 401 || call.forwarded || !auth?.renew?.(call.auth)) return res;
    return next(call);
  };
}
