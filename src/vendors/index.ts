/** The list of vendors: the only file that knows all five. */
import type { DownloadSource } from '../downloads/route.js';
import type { Vault } from '../downloads/vault.js';
import type { VendorCache } from '../http/cache.js';
import type { VendorName } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SandboxServer } from '../sandbox/harness.js';
import type { RedisTiers } from '../shared/redis-tiers.js';
import { type Settings, type VendorKey, vendorIsLive } from '../settings.js';
import { akana } from './akana/index.js';
import { AKANA_SANDBOX } from './akana/sandbox.js';
import { GOOGLE_LOCATIONS, GOOGLE_PROJECT } from './google/fixtures.js';
import { GOOGLE_SANDBOX } from './google/sandbox.js';
import { ORACLE_SANDBOX } from './oracle/sandbox.js';
import { ROMA_SANDBOX } from './roma/sandbox.js';
import { TORQ_SANDBOX } from './torq/sandbox.js';
import { google } from './google/index.js';
import { oracle } from './oracle/index.js';
import { roma } from './roma/index.js';
import { torq } from './torq/index.js';
import type { ClientDeps, VendorClientBase, VendorDefinition, VendorMode } from './types.js';

export const VENDORS = { torq, google, oracle, akana, roma } as const;

type Defs = typeof VENDORS;
export type VendorClient<K extends keyof Defs> = ReturnType<Defs[K]['createClient']>;

export interface VendorHandle<C> {
  key: VendorKey;
  vendor: VendorName;
  mode: VendorMode;
  baseUrl: string | undefined;
  client: C | undefined;
}
export type VendorHandles = { [K in keyof Defs]: VendorHandle<VendorClient<K>> };

export type StartedSandboxes = {
  [K in keyof Defs]?: { server: SandboxServer; settings: Partial<Settings[K]> };
};

/** Which vendors the sandbox should stand in for: SANDBOX=auto and no LIVE settings. */
export function vendorsNeedingSandbox(settings: Settings): (keyof Defs)[] {
  if (settings.sandbox === 'off') return [];
  return (Object.keys(VENDORS) as (keyof Defs)[]).filter((k) => !vendorIsLive(k, settings));
}

/** Starts the emulators of `keys` on loopback. */
export async function startSandboxes(keys: readonly (keyof Defs)[]): Promise<StartedSandboxes> {
  const out: StartedSandboxes = {};
  await Promise.all(
    keys.map(async (k) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry is typed by its own key; TS cannot correlate the union here.
      (out as any)[k] = await VENDORS[k].startSandbox();
    }),
  );
  return out;
}

/** Every vendor's download sources (a vendor that is not configured serves none). */
export function downloadSources(handles: VendorHandles, settings: Settings): Record<string, DownloadSource> {
  const out: Record<string, DownloadSource> = {};
  for (const key of Object.keys(VENDORS) as (keyof Defs)[]) {
    const def = VENDORS[key] as unknown as VendorDefinition<typeof key, VendorClient<typeof key>>;
    const client = handles[key].client;
    if (client && def.downloads) Object.assign(out, def.downloads(client, settings));
  }
  return out;
}

export async function closeSandboxes(sandboxes: StartedSandboxes): Promise<void> {
  await Promise.all(Object.values(sandboxes).map((s) => s?.server.close()));
}

export function createVendorHandles(
  settings: Settings,
  sandboxes: StartedSandboxes,
  logger: Logger,
  vault: Vault,
  cache?: VendorCache,
  redis?: RedisTiers,
): VendorHandles {
  const handle = (key: keyof Defs): VendorHandle<VendorClientBase> => {
    const upstream = settings.upstreamFor[key];
    const deps: ClientDeps = {
      upstream,
      logger,
      vault,
      cache,
      rateGate: redis?.rateGate(key, upstream.ratePerSecond),
      sharedCredential: redis && ((identity) => redis.credentialStore(key, identity)),
    };
    // Each definition is typed by its own key; the loop sees their union, hence the widening.
    const def = VENDORS[key] as unknown as VendorDefinition<VendorKey, VendorClientBase>;
    const vendorSettings = settings[key] as Settings[VendorKey];
    const sandbox = sandboxes[key];
    const none = {
      key,
      vendor: def.vendor,
      mode: 'NOT_CONFIGURED',
      baseUrl: undefined,
      client: undefined,
    } as const;
    if (vendorIsLive(key, settings)) {
      const baseUrl = settings[key].baseUrl ?? def.defaultBaseUrl;
      if (!baseUrl) return none;
      return {
        key,
        vendor: def.vendor,
        mode: 'LIVE',
        baseUrl,
        client: def.createClient(vendorSettings, baseUrl, deps),
      };
    }
    if (sandbox && settings.sandbox === 'auto') {
      const merged = { ...vendorSettings, ...sandbox.settings } as Settings[VendorKey];
      const baseUrl = sandbox.server.url;
      return {
        key,
        vendor: def.vendor,
        mode: 'SANDBOX',
        baseUrl,
        client: def.createClient(merged, baseUrl, deps),
      };
    }
    return none;
  };
  return Object.fromEntries(
    (Object.keys(VENDORS) as (keyof Defs)[]).map((k) => [k, handle(k)]),
  ) as VendorHandles;
}

/**
 * The environment that makes a gateway treat running emulators as LIVE vendors (`npm run sandbox`
 * prints it; the soak test starts a gateway with it). Sandbox credentials, not secrets.
 */
export function liveEnvFor(sandboxes: StartedSandboxes): Record<string, string> {
  const url = (k: keyof Defs) => sandboxes[k]?.server.url ?? '';
  return {
    TORQ_BASE_URL: url('torq'),
    TORQ_TOKEN: TORQ_SANDBOX.token,
    GOOGLE_INTEGRATIONS_BASE_URL: url('google'),
    GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.token,
    GOOGLE_PROJECT_ID: GOOGLE_PROJECT,
    GOOGLE_LOCATION: GOOGLE_LOCATIONS[0] ?? '',
    ORACLE_MARKETPLACE_BASE_URL: url('oracle'),
    ORACLE_USER_ID: ORACLE_SANDBOX.userId,
    ORACLE_ACCESS_TOKEN: ORACLE_SANDBOX.token,
    AKANA_BASE_URL: url('akana'),
    AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
    AKANA_AUTH_TOKEN: AKANA_SANDBOX.session,
    AKANA_USER_ID: AKANA_SANDBOX.userId,
    ROMA_BASE_URL: url('roma'),
    ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
    ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
    ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
  };
}
