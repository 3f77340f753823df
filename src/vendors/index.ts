/**
 * The list of vendors: the only file that knows all five. Everything that lists vendors (the
 * `Vendor` enum, metrics labels, forwarded headers, readiness, downloads, GraphiQL's example)
 * derives from `vendorModules()`.
 */
import type { DownloadSource } from '../downloads/route.js';
import type { Vault } from '../downloads/vault.js';
import type { VendorName } from '../foundations/errors.js';
import { type VendorHandle, VendorHandles } from '../graphql/gateway-types.js';
import type { VendorCache } from '../http/cache-policy.js';
import type { Logger } from '../observability/logger.js';
import type { RedisTiers } from '../shared/redis-tiers.js';
import type { Settings } from '../settings/load.js';
import { addVendorSettings } from '../settings/spec.js';
import type { Disposer } from '../foundations/disposer.js';
import { akana } from './akana/index.js';
import { google } from './google/index.js';
import { oracle } from './oracle/index.js';
import { roma } from './roma/index.js';
import { torq } from './torq/index.js';
import type { AnyVendorModule, ClientDeps, StartedSandbox } from './types.js';

export type { AnyVendorModule, VendorModule } from './types.js';

const BUILT_IN: readonly AnyVendorModule[] = [torq, google, oracle, akana, roma];

const extra: AnyVendorModule[] = [];
let sealed = false;

/**
 * Adds a vendor module next to the built-in five (a test's toy vendor, or a deployment's own).
 * Must run before the schema is built (the first `vendorModules()` call seals the list).
 */
export function registerVendor(module: AnyVendorModule): void {
  if (sealed) throw new Error(`registerVendor(${module.key}) after the vendor list was read: register first`);
  if ([...BUILT_IN, ...extra].some((m) => m.key === module.key || m.vendor === module.vendor))
    throw new Error(`vendor ${module.key} (${module.vendor}) is already registered`);
  // Its settings, scopes and HTTP overrides join the gateway's (loadSettings, --help, --check).
  if (module.settingsSpec) addVendorSettings(module.settingsSpec);
  extra.push(module);
}

/** Every vendor module, built-in first. Reading it seals the list. */
export function vendorModules(): readonly AnyVendorModule[] {
  sealed = true;
  return [...BUILT_IN, ...extra];
}

/** The vendor module of a key (`torq`). */
export function vendorModule(key: string): AnyVendorModule {
  const m = vendorModules().find((v) => v.key === key);
  if (!m) throw new Error(`no vendor module ${key}`);
  return m;
}

/** The request headers that carry a caller's own credential, per vendor (CREDENTIAL_FORWARDING). */
export function forwardingHeaders(): Record<VendorName, string> {
  return Object.fromEntries(vendorModules().map((m) => [m.vendor, m.forwardingHeader]));
}

/** Started emulators by vendor key. */
export type StartedSandboxes = Partial<Record<string, StartedSandbox>>;

/** Which vendors the sandbox should stand in for: SANDBOX=auto and no LIVE settings. */
export function vendorsNeedingSandbox(settings: Settings): string[] {
  if (settings.sandbox === 'off') return [];
  return vendorModules()
    .filter((m) => !m.isLive(settings))
    .map((m) => m.key);
}

/** Starts the emulators of `keys` on loopback (each vendor's sandbox module is loaded only now). */
export async function startSandboxes(keys: readonly string[]): Promise<StartedSandboxes> {
  const started = await Promise.all(keys.map(async (k) => [k, await vendorModule(k).sandbox()] as const));
  return Object.fromEntries(started);
}

export async function closeSandboxes(sandboxes: StartedSandboxes): Promise<void> {
  await Promise.all(Object.values(sandboxes).map((s) => s?.server.close()));
}

/** Every vendor's download sources (a vendor that is not configured serves none). */
export function downloadSources(handles: VendorHandles, settings: Settings): Record<string, DownloadSource> {
  const out: Record<string, DownloadSource> = {};
  for (const m of vendorModules()) {
    const client = handles.get(m).client;
    if (client && m.downloads) Object.assign(out, m.downloads(client, settings));
  }
  return out;
}

export interface HandleDeps {
  logger: Logger;
  vault: Vault;
  cache?: VendorCache | undefined;
  /** Shared tiers across replicas (REDIS_URL): vendor rates and the gateway's own credentials. */
  redis?: RedisTiers | undefined;
  /** Each client registers its disposal here as it is created. */
  disposer: Disposer;
}

export function createVendorHandles(
  settings: Settings,
  sandboxes: StartedSandboxes,
  deps: HandleDeps,
): VendorHandles {
  const handle = (m: AnyVendorModule): VendorHandle => {
    const none: VendorHandle = {
      key: m.key,
      vendor: m.vendor,
      mode: 'NOT_CONFIGURED',
      baseUrl: undefined,
      client: undefined,
    };
    const upstream = m.upstream ? m.upstream(settings) : { ...settings.upstream, ...m.httpDefaults };
    const { redis } = deps;
    const clientDeps: ClientDeps = {
      upstream,
      logger: deps.logger,
      vault: deps.vault,
      cache: deps.cache,
      rateGate: redis?.rateGate(m.key, upstream.ratePerSecond),
      sharedCredential: redis && ((identity) => redis.credentialStore(m.key, identity)),
      label: m.label,
      vendor: m.vendor,
    };
    const create = (vendorSettings: unknown, baseUrl: string, mode: 'LIVE' | 'SANDBOX'): VendorHandle => {
      const client = deps.disposer.use(
        `vendor:${m.key}`,
        m.createClient(vendorSettings, baseUrl, clientDeps),
        (c) => (m.dispose ? m.dispose(c, settings) : c.close()),
      );
      return { key: m.key, vendor: m.vendor, mode, baseUrl, client };
    };
    const own = m.settings(settings);
    if (m.isLive(settings)) {
      const baseUrl = own.baseUrl ?? m.defaultBaseUrl;
      return baseUrl ? create(own, baseUrl, 'LIVE') : none;
    }
    const sandbox = sandboxes[m.key];
    if (sandbox && settings.sandbox === 'auto')
      return create({ ...own, ...sandbox.settings }, sandbox.server.url, 'SANDBOX');
    return none;
  };
  return new VendorHandles(vendorModules().map(handle));
}

/**
 * The environment that makes a gateway treat running emulators as LIVE vendors (`npm run sandbox`
 * prints it; the soak test starts a gateway with it). Sandbox credentials, not secrets.
 */
export function liveEnvFor(sandboxes: StartedSandboxes): Record<string, string> {
  return Object.assign({}, ...Object.values(sandboxes).map((s) => s?.env ?? {}));
}
