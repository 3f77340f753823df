/**
 * The vendor module contract: everything the gateway knows about one vendor, exported by its folder
 * (`src/vendors/torq/index.ts` exports `torq: VendorModule`). Everything that lists vendors (the
 * `Vendor` enum, metrics labels, forwarded headers, settings, readiness, downloads, GraphiQL's
 * example) derives from the modules registered in `src/vendors/index.ts`.
 */
import type { DownloadSource } from '../downloads/route.js';
import type { Vault } from '../downloads/vault.js';
import type { VendorCache } from '../http/cache-policy.js';
import type { RateGate } from '../http/limiter.js';
import type { SharedCredentialStore } from '../http/token-cache.js';
import type { Logger } from '../observability/logger.js';
import type { SandboxServer } from '../sandbox/harness.js';
import { sectionOf, type Settings, type UpstreamSettings, vendorIsLive } from '../settings/load.js';
import type { SectionOf, VendorSettingsSpec } from '../settings/vendor.js';
import type { VendorClientBase, VendorRef } from '../graphql/gateway-types.js';
import type { VendorName } from '../foundations/errors.js';

export type { VendorClientBase, VendorHandle, VendorMode, VendorRef } from '../graphql/gateway-types.js';

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
  /** The vendor's name in messages: the module's `label`. */
  label: string;
  /** The vendor's `Vendor` enum value (its ref's `vendor`): its errors, metrics and cache entries carry it. */
  vendor: VendorName;
}

/** The VendorHttp options every client passes on as they are; each adds its own (auth, cache…). */
export function httpDeps(
  deps: ClientDeps,
): Pick<ClientDeps, 'vendor' | 'label' | 'upstream' | 'logger' | 'rateGate'> {
  return {
    vendor: deps.vendor,
    label: deps.label,
    upstream: deps.upstream,
    logger: deps.logger,
    rateGate: deps.rateGate,
  };
}

/** A started emulator, the settings that point a client at it, and the same as LIVE environment. */
export interface StartedSandbox<S = unknown> {
  server: SandboxServer;
  settings: Partial<S>;
  /** The environment that makes a gateway treat this emulator as a LIVE vendor (`npm run sandbox`). */
  env: Record<string, string>;
}

/** GraphiQL's example queries: this vendor's part of the `Browse` and `CrossVendor` tabs. */
export interface ExampleFragments {
  browse?: string;
  /** A line for the `Browse` tab's header comment (how to go on from what it lists). */
  browseNote?: string;
  crossVendor?: string;
  /** A whole subscription operation that runs as it is against the sandbox (GraphiQL's live tab). */
  subscription?: string;
}

/**
 * One cheap query that reaches one route of the vendor's sandbox: the test suites that go through
 * every vendor alike (faults, echoed credentials, error codes) set a fault on `route` and send it.
 */
export interface SandboxProbe {
  /** The sandbox route the query reaches (where a fault is set). */
  route: string;
  /** The query's root selection, without the braces (a suite may add fields next to it). */
  select: string;
  /** The path in `data` of the value that is null when the vendor fails. */
  field: readonly string[];
  /** How the route's body is read: JSON, or an archive (zip). */
  kind: 'json' | 'zip';
  /** The route every query calls first (the existence check of a lookup), when there is one. */
  firstRoute?: string;
  /**
   * A JSON body of the wrong shape for `route` (default: the probe's route), and the path of the
   * bad field the error must name: the client refuses it, not a resolver deep in the tree.
   */
  misshapen?: { route?: string; body: unknown; field: string };
  /** Prepares the started sandbox for the probe (the thing it asks about, named by `tag`). */
  prepare?(server: SandboxServer): void;
}

/** The settings part every vendor has: a base URL (LIVE) or none (sandbox or not configured). */
export interface VendorSettingsBase {
  baseUrl: string | undefined;
}

export interface VendorModule<
  Client extends VendorClientBase = VendorClientBase,
  S extends VendorSettingsBase = VendorSettingsBase,
> extends VendorRef<Client> {
  /** The vendor's name in messages, logs and metrics help ("Torq"). */
  label: string;
  /** The `Vendor` enum value's description in the schema. */
  description: string;
  /** The request header carrying a caller's own credential (CREDENTIAL_FORWARDING). */
  forwardingHeader: string;
  /** This vendor's HTTP defaults, under `UPSTREAM_*` and over its `<VENDOR>_*` overrides (Torq: 50 rps). */
  httpDefaults?: Partial<UpstreamSettings>;
  /** The production base URL used when LIVE settings give none. */
  defaultBaseUrl: string | undefined;
  /**
   * Its settings entries (`src/vendors/<v>/settings.ts`, a leaf the settings layer reads through
   * `src/vendors/settings.ts`): the Vendors group of `--help`, its `<PREFIX>_*` HTTP overrides,
   * what makes it LIVE. Absent for a vendor without settings of its own (the test's toy vendor).
   */
  settingsSpec?: VendorSettingsSpec;
  /** This vendor's section of the settings. */
  settings(all: Settings): S;
  /** Whether the settings make this vendor LIVE (a base URL or any credential). */
  isLive(all: Settings): boolean;
  /** The HTTP settings of this vendor (default: `UPSTREAM_*` with `httpDefaults` on top). */
  upstream?(all: Settings): UpstreamSettings;
  /** Starts its emulator on loopback. Loaded lazily: production code never imports a sandbox. */
  sandbox(): Promise<StartedSandbox<S>>;
  createClient(settings: S, baseUrl: string, deps: ClientDeps): Client;
  /**
   * How long the Redis lock of one of its once-only takes lasts before another replica may take
   * over (REDIS_URL): a vendor whose files can be fetched only once declares it with `usesVault`.
   */
  vaultLockTtlMs?(all: Settings): number;
  /** Closes the client at shutdown (default `client.close()`); ROMA lets archives land in the vault first. */
  dispose?(client: Client, all: Settings): Promise<void>;
  /** True when this vendor keeps files in the vault: the vault's capacity is then part of readiness. */
  usesVault?: boolean;
  /** The files this vendor serves through signed URLs, by download kind. */
  downloads?(client: Client, all: Settings): Record<string, DownloadSource>;
  /** Registers its GraphQL types and fields on the builder (called once, before the schema is built). */
  schema(): Promise<unknown>;
  /**
   * Its sandbox probe (tests only; reads sandbox fixtures, hence lazy). `tag` names what the probe
   * asks about when the vendor keeps state per name (an export job), so suites do not meet.
   */
  probe?(tag: string): Promise<SandboxProbe>;
  /** Its part of GraphiQL's example queries (reads sandbox fixtures, hence lazy). */
  example?(): Promise<ExampleFragments>;
}

/**
 * A module as the registry holds it: the client and settings types are each module's own; the
 * registry only passes one module's values back to the same module.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: a list of modules with different client/settings types.
export type AnyVendorModule = VendorModule<any, any>;

/** Declares a module with its types checked, and returns it as the registry holds it. */
export function defineVendor<Client extends VendorClientBase, S extends VendorSettingsBase>(
  module: VendorModule<Client, S>,
): VendorModule<Client, S> {
  return module;
}

/**
 * The settings part of a module whose settings `spec` declares (`<v>/settings.ts`): the same five
 * members for every vendor with settings, derived once. Its section's type comes from the spec, so
 * a vendor registered at run time (outside the built-in list) is typed like a built-in one.
 */
export function vendorSettings<const V extends { key: string; httpDefaults?: Partial<UpstreamSettings> }>(
  spec: V,
) {
  const { key } = spec;
  return {
    settingsSpec: spec as unknown as VendorSettingsSpec, // widened: its literal types serve spec.ts
    httpDefaults: spec.httpDefaults,
    settings: (s: Settings) => sectionOf(s, key) as SectionOf<V>,
    isLive: (s: Settings) => vendorIsLive(key, s),
    upstream: (s: Settings): UpstreamSettings =>
      s.upstreamFor[key] ?? { ...s.upstream, ...spec.httpDefaults },
  };
}
