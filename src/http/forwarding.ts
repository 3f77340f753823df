/**
 * Credential forwarding (CREDENTIAL_FORWARDING=true): a caller may send its own vendor
 * credentials in documented headers. They ride along the request in an AsyncLocalStorage, so
 * every loader and vendor call of that request uses them (never the gateway's own), and state that
 * outlives a request (the vault) is partitioned by a hash of the credential: one caller's data is
 * never served to another.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { VendorName } from '../foundations/errors.js';

export interface Forwarded {
  credentials: Partial<Record<VendorName, string>>;
}

const store = new AsyncLocalStorage<Forwarded>();

/**
 * The credentials a request forwards. `table` names, per vendor, the header that carries its
 * credential: each vendor module declares its own (src/vendors, passed in by the gateway).
 */
export function forwardedFrom(
  headers: IncomingHttpHeaders,
  table: Readonly<Record<VendorName, string>>,
): Forwarded {
  const credentials: Forwarded['credentials'] = {};
  for (const [vendor, header] of Object.entries(table) as [VendorName, string][]) {
    const v = headers[header];
    if (typeof v === 'string' && v.trim() !== '' && v.length <= 16_384) credentials[vendor] = v.trim();
  }
  return { credentials };
}

export function runWithForwarded<T>(f: Forwarded, fn: () => T): T {
  return store.run(f, fn);
}

/** The caller's own credential for `vendor` in this request, if it sent one. */
export function forwardedCredential(vendor: VendorName): string | undefined {
  return store.getStore()?.credentials[vendor];
}

/** `default`, or a short hash of the forwarded credential: the partition of long-lived state. */
export function credentialPartition(vendor: VendorName): string {
  const c = forwardedCredential(vendor);
  return c === undefined
    ? 'default'
    : createHash('sha256').update(`vendor-gateway:${vendor}:${c}`).digest('hex').slice(0, 24);
}

/** A tag of every credential a request forwarded (undefined when none): binds download links to them. */
export function forwardingTag(f: Forwarded | undefined = store.getStore()): string | undefined {
  const entries = Object.entries(f?.credentials ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return undefined;
  return createHash('sha256')
    .update(`vendor-gateway:fwd:${JSON.stringify(entries)}`)
    .digest('base64url')
    .slice(0, 22);
}
