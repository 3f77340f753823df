/**
 * API keys for API_KEYS: the gateway only ever holds their sha256. Without a key, a new random one
 * is made and printed once. `npm run hash-key` and `node dist/main.js --hash-key` (the container
 * has no scripts) both print this.
 */
import { createHash, randomBytes } from 'node:crypto';
import { vendorSpecs } from './spec.js';

/** The example entry's scopes: every vendor scope anonymous callers get by default (no privileged one). */
function exampleScopes(): string {
  return vendorSpecs()
    .flatMap((v) => v.scopes.filter((x) => x.anonymous === undefined || x.anonymous === true))
    .map((x) => x.name)
    .join(',');
}

/** The lines to print for `key` (`undefined`: make one), or undefined for an empty key. */
export function hashKeyReport(key: string | undefined): string | undefined {
  const generated = key === undefined;
  const value = generated ? `vg_${randomBytes(24).toString('base64url')}` : key;
  if (!value) return undefined;
  const sha256 = createHash('sha256').update(value).digest('hex');
  return [
    ...(generated ? [`new key (give it to the caller, then forget it): ${value}`] : []),
    `sha256: ${sha256}`,
    `API_KEYS entry: my-client:${sha256}:${exampleScopes()}`,
    '',
  ].join('\n');
}
