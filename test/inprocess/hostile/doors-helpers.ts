/**
 * Shared helpers of the attacker's suite: API keys for every scope set, and vendor call counts
 * read from the sandboxes' request logs.
 */
import { createHash } from 'node:crypto';
import { SCOPES, type Scope } from '../../../src/settings/load.js';
import type { TestGateway } from '../../helpers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Caller {
  name: string;
  scopes: readonly Scope[];
  key: string;
}

/** One caller per single scope, one with none, one with every scope, and the Akana PKI pair. */
export function scopeSets(): Caller[] {
  const sets: [string, readonly Scope[]][] = [
    ['none', []],
    ...SCOPES.map((s): [string, Scope[]] => [`only-${s.replace(':', '-')}`, [s]]),
    ['akana-pki', ['akana:export', 'akana:pki']],
    ['all', SCOPES],
  ];
  return sets.map(([name, scopes]) => ({ name, scopes, key: `vg_${name}_${sha(name).slice(0, 24)}` }));
}

/** `API_KEYS` for `callers` (hashes only). */
export function apiKeysEnv(callers: readonly Caller[]): string {
  return callers.map((c) => `${c.name}:${sha(c.key)}:${c.scopes.join(',')}`).join(';');
}

export const auth = (c: Caller) => ({ authorization: `Bearer ${c.key}` });

/** Every request any emulator saw since the last reset. */
export function vendorCalls(gw: TestGateway): number {
  return Object.values(gw.sandboxes).reduce((n, s) => n + (s?.server.calls().length ?? 0), 0);
}

export function resetVendorLogs(gw: TestGateway): void {
  for (const s of Object.values(gw.sandboxes)) s?.server.resetLog();
}
