import type { DownloadSource } from '../downloads/route.js';
import type { Vault } from '../downloads/vault.js';
import type { VendorName } from '../errors.js';
import type { VendorCache } from '../http/cache.js';
import type { RateGate } from '../http/limiter.js';
import type { SharedCredentialStore } from '../http/token-cache.js';
import type { VendorHttp } from '../http/vendor-http.js';
import type { Logger } from '../logger.js';
import type { SandboxServer } from '../sandbox/harness.js';
import type { Settings, UpstreamSettings, VendorKey } from '../settings.js';

export type VendorMode = 'LIVE' | 'SANDBOX' | 'NOT_CONFIGURED';

export interface ClientDeps {
  upstream: UpstreamSettings;
  logger: Logger;
  /** Where once-only files are kept (ROMA archives). */
  vault: Vault;
  /** The gateway's vendor-response cache (src/http/cache.ts). */
  cache?: VendorCache | undefined;
  /** This vendor's `ratePerSecond` counted across replicas (REDIS_URL); absent = this process only. */
  rateGate?: RateGate | undefined;
  /** Where replicas share the gateway's own credential for this vendor (REDIS_URL), by its identity. */
  sharedCredential?: ((identity: readonly string[]) => SharedCredentialStore) | undefined;
}

/** A started emulator and the settings that point a client at it. */
export interface StartedSandbox<K extends VendorKey> {
  server: SandboxServer;
  settings: Partial<Settings[K]>;
}

/** What every vendor client has: its one HTTP layer (for circuit state) and a way to close. */
export interface VendorClientBase {
  http: VendorHttp;
  close(): Promise<void>;
}

/** What a vendor folder exports: adding a vendor is one of these plus one import in index.ts. */
export interface VendorDefinition<K extends VendorKey, Client extends VendorClientBase> {
  key: K;
  vendor: VendorName;
  /** The production base URL used when LIVE settings give none. */
  defaultBaseUrl: string | undefined;
  startSandbox(): Promise<StartedSandbox<K>>;
  createClient(settings: Settings[K], baseUrl: string, deps: ClientDeps): Client;
  /** The files this vendor serves through signed URLs, by download kind. */
  downloads?: (client: Client, settings: Settings) => Record<string, DownloadSource>;
}
