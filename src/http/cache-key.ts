/** The key of a cached vendor read, partitioned by credential identity. */
import { createHash } from 'node:crypto';
import type { VendorName } from '../foundations/errors.js';
import { credentialPartition } from './forwarding.js';

/**
 * The identity of a read: vendor, credential partition (the gateway's own, or a hash of the
 * caller's forwarded credential), method, URL and the request's own headers (hashed: a token
 * call's Basic header never sits in a key in clear).
 */
export function readKey(
  vendor: VendorName,
  method: string,
  url: string,
  headers: Record<string, string> | undefined,
  authenticate: boolean,
): { key: string; ownPartition: boolean } {
  const partition = authenticate ? credentialPartition(vendor) : 'anonymous';
  const extra =
    headers && Object.keys(headers).length > 0
      ? createHash('sha256')
          .update(JSON.stringify(Object.entries(headers).sort()))
          .digest('base64url')
          .slice(0, 22)
      : '';
  return {
    key: `${vendor}\n${partition}\n${method}\n${url}\n${extra}`,
    ownPartition: partition !== 'default' && partition !== 'anonymous',
  };
}
