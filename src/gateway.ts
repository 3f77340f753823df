/**
 * The long-lived parts of one gateway process: settings, logger, vendor clients (one HTTP pool set
 * each) and the URL signer. Built once; each GraphQL request gets a Context around it.
 */
import { type Authenticator, createAuthenticator } from './auth.js';
import { Signer } from './downloads/signer.js';
import { DirectoryVault, type Vault } from './downloads/vault.js';
import { VendorNotConfiguredError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import type { Settings } from './settings.js';
import {
  createVendorHandles,
  type StartedSandboxes,
  type VendorHandle,
  type VendorHandles,
} from './vendors/index.js';

export interface Gateway {
  settings: Settings;
  logger: Logger;
  vendors: VendorHandles;
  signer: Signer;
  vault: Vault;
  authenticator: Authenticator;
  /** Runs the vault's retention sweep now. */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  sandboxes?: StartedSandboxes;
  logger?: Logger;
  vault?: Vault;
}

export function createGateway(settings: Settings, opts: GatewayOptions = {}): Gateway {
  const logger = opts.logger ?? createLogger(settings.logLevel);
  const vault =
    opts.vault ??
    new DirectoryVault({
      dir: settings.vault.dir,
      encryptionKey: settings.vault.encryptionKey,
      retentionMs: settings.vault.retentionMs,
      maxBytes: settings.vault.maxBytes,
    });
  const vendors = createVendorHandles(settings, opts.sandboxes ?? {}, logger, vault);
  // Retention: sweep now and every hour; the timer never keeps the process alive.
  const sweep = () =>
    vault.sweep().then(
      (n) => n > 0 && logger.info('vault sweep', { removed: n }),
      (err: unknown) => logger.warn('vault sweep failed', { error: String(err) }),
    );
  const sweeper = setInterval(sweep, 60 * 60_000);
  sweeper.unref();
  const signer = new Signer({
    secret: settings.signingSecret,
    previous: settings.signingSecretPrevious,
    publicUrl: () => settings.publicUrl,
    defaultExpiresIn: settings.downloadDefaultExpiresIn,
    maxExpiresIn: settings.downloadMaxExpiresIn,
  });
  return {
    settings,
    logger,
    vendors,
    signer,
    vault,
    authenticator: createAuthenticator(settings),
    sweep: async () => {
      await sweep();
    },
    async close() {
      clearInterval(sweeper);
      await Promise.all(Object.values(vendors).map((v) => v.client?.close()));
    },
  };
}

/** The client of a vendor, or VENDOR_NOT_CONFIGURED. */
export function requireClient<C>(handle: VendorHandle<C>): C {
  if (!handle.client) {
    throw new VendorNotConfiguredError(
      `${handle.vendor} is not configured: set its credentials (the sandbox stands in only outside production, or with SANDBOX=on)`,
      { vendor: handle.vendor },
    );
  }
  return handle.client;
}
