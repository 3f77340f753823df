/** The credential shapes vendors share: a fixed header, or a renewable one backed by a TokenCache. */
import type { Secret } from '../settings/load.js';
import { TokenCache } from './token-cache.js';
import type { VendorAuth } from './vendor-http.js';

/** A credential given in settings: sent as is, never renewed. */
export function staticAuth(header: string, value: (secret: string) => string, secret: Secret): VendorAuth {
  return { headers: async () => ({ [header]: value(secret.reveal()) }) };
}

/** A credential fetched from the vendor and cached; a 401 drops it and the call is tried once more. */
export function renewableAuth(
  header: string,
  value: (token: string) => string,
  cache: TokenCache,
): VendorAuth {
  return {
    headers: async (signal) => ({ [header]: value(await cache.get(signal)) }),
    renew: (refused) => {
      const current = cache.peek();
      // Drop the token only if it is the one refused: a concurrent call may have renewed it already.
      if (current !== undefined && refused[header] === value(current)) cache.invalidate(current);
      return true;
    },
  };
}

export const bearerValue = (t: string) => `Bearer ${t}`;

export function basicHeader(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

export { TokenCache };
