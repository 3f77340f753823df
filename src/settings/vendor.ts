/**
 * What a vendor declares about its settings (each vendor folder's `settings.ts`, a leaf that
 * imports only the setting kinds): its entries, its `<PREFIX>_*` HTTP overrides prefix, its HTTP
 * defaults, which settings make it LIVE, the checks that span its settings, its scopes, and the
 * settings it shows among the gateway's groups (its cache TTL among the cache settings…). `spec.ts`
 * and `assemble.ts` derive the Vendors group, the per-vendor overrides, `upstreamFor` and the scope
 * list from the list in `src/vendors/settings.ts` and from the vendors registered at run time.
 */
import type { Entry } from './kinds.js';
import type { UpstreamSettings } from './upstream.js';

/** The groups of `--help` a vendor may add settings to, besides its own (the Vendors group). */
export type SharedGroup = 'auth' | 'cache' | 'shared';

/** One scope of a vendor: a caller needs it for the vendor's fields (`<key>:<verb>`). */
export interface VendorScope<S extends string = string> {
  name: S;
  /**
   * Granted to anonymous callers by default (`ANONYMOUS_SCOPES` unset): true (the default), false,
   * or a rule on the vendor's own section of the settings (a privileged export that a setting allows).
   */
  anonymous?: boolean | ((section: Readonly<Record<string, unknown>>) => boolean);
}

export interface VendorSettingsSpec<
  K extends string = string,
  P extends string = string,
  E extends Record<string, Entry & { at: `${K}.${string}` }> = Record<
    string,
    Entry & { at: `${K}.${string}` }
  >,
  S extends string = string,
  G extends Partial<Record<SharedGroup, Record<string, Entry & { at: string }>>> = Partial<
    Record<SharedGroup, Record<string, Entry & { at: string }>>
  >,
> {
  /** The vendor's key: its settings live at `settings[key]`. */
  key: K;
  /** `<PREFIX>_CONNECT_TIMEOUT_MS` and the other per-vendor HTTP overrides. */
  prefix: P;
  /** Prefixes under which an unknown variable is likely a typo of this vendor's settings. */
  ownPrefixes: readonly string[];
  /** Under `UPSTREAM_*` and over `<PREFIX>_*` (a vendor's documented request rate). */
  httpDefaults?: Partial<UpstreamSettings>;
  /** Every entry is `placed('<key>.<field>', …)`: the Settings type derives from them. */
  entries: E;
  /**
   * Its settings shown in one of the gateway's groups rather than under Vendors, each placed where
   * the gateway reads it: its cache TTL (`cache.ttlMs.<key>`, read by the vendor-response cache),
   * a lock of its own, a switch that allows one of its scopes.
   */
  groups?: G;
  /** Its scopes, in the order `ANONYMOUS_SCOPES` and `API_KEYS` list them. */
  scopes: readonly VendorScope<S>[];
  /**
   * The settings that identify the gateway's own credential for this vendor (where it is, who it
   * is): replicas share cached answers only when these are the same (the Redis cache's partition).
   */
  credential: readonly (keyof E & string)[];
  /** The settings that make the vendor LIVE when any is set (docs/api.md). */
  live: readonly (keyof E & string)[];
  /**
   * The vendor finds a credential of its own when none is set (application default credentials,
   * a metadata server), so a base URL alone is not a vendor without a credential.
   */
  ambientCredential?: boolean;
  /** Settings that must be given together (half a pair is a mistake worth stopping for). */
  together?: readonly (readonly (keyof E & string)[])[];
  /** Checks on the vendor's own section when it is LIVE: each problem as one line. */
  whenLive?: (section: Readonly<Record<string, unknown>>) => string[];
}

/** Declares a vendor's settings with their literal types kept. */
export function vendorSettings<
  const K extends string,
  const P extends string,
  const E extends Record<string, Entry & { at: `${K}.${string}` }>,
  const S extends string,
  const G extends Partial<Record<SharedGroup, Record<string, Entry & { at: string }>>> = Record<never, never>,
>(spec: VendorSettingsSpec<K, P, E, S, G>): VendorSettingsSpec<K, P, E, S, G> {
  return spec;
}

/**
 * A vendor's section of the settings as its declaration places it (`<key>.<field>`: its entries,
 * and those of its `groups` placed in its section): the same type as `Settings[key]`, derived in
 * the vendor's folder without importing the Settings type (which is built from these declarations).
 */
export type SectionOf<V> =
  V extends VendorSettingsSpec<infer K, string, infer E, string, infer G>
    ? {
        [
          N in keyof (E & GroupsEntries<G>) as (E & GroupsEntries<G>)[N] extends { at: `${K}.${infer F}` }
            ? F
            : never
        ]: (E & GroupsEntries<G>)[N] extends Entry<infer T> ? T : never;
      }
    : never;
type GroupsEntries<G> = (
  G extends Partial<Record<SharedGroup, infer X>> ? NonNullable<X> : never
) extends infer U
  ? (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
    ? I
    : never
  : never;

/** The field of the vendor's section an entry is placed at (`<key>.baseUrl` → `baseUrl`). */
export function fieldOf(entry: { at: string }): string {
  return entry.at.slice(entry.at.indexOf('.') + 1);
}
