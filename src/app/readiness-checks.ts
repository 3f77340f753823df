/** The readiness checks every gateway has: each vendor's circuit, the vault writable, the signing key. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../settings/load.js';
import type { VendorHandles } from '../graphql/gateway-types.js';
import type { CheckResult, Readiness } from '../observability/readiness.js';

const VAULT_CHECK_TTL_MS = 5_000;

export function registerCoreChecks(readiness: Readiness, settings: Settings, vendors: VendorHandles): void {
  for (const v of vendors) {
    readiness.register(`vendor:${v.key}`, () => {
      if (!v.client) return { ok: true, critical: false, mode: v.mode };
      const circuit = v.client.http.circuit.state;
      // An open circuit is a vendor's outage, not ours: reported, but the gateway still serves the rest.
      return { ok: circuit !== 'OPEN', critical: false, mode: v.mode, circuit };
    });
  }
  let vaultCheck: { at: number; result: Promise<CheckResult> } | undefined;
  readiness.register('vault', () => {
    if (!vaultCheck || Date.now() - vaultCheck.at > VAULT_CHECK_TTL_MS)
      vaultCheck = { at: Date.now(), result: vaultWritable(settings.vault.dir) };
    return vaultCheck.result;
  });
  readiness.register('signingKey', () => ({
    ok: settings.signingSecret.reveal().length >= 32,
    critical: true,
    // A generated key works, but links die with the process and differ between replicas.
    generated: settings.signingSecretGenerated,
  }));
}

/** Writes and removes a probe file (named like a temporary file, so a crash leaves it to the sweep). */
async function vaultWritable(dir: string): Promise<CheckResult> {
  const probe = join(dir, `.tmp-readyz-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
    return { ok: true, critical: true, writable: true };
  } catch (err) {
    return {
      ok: false,
      critical: true,
      writable: false,
      error: (err as NodeJS.ErrnoException).code ?? 'unwritable',
    };
  }
}
