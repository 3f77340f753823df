/**
 * What a vendor declares about its settings (each vendor folder's `settings.ts`, a leaf that
 * imports only the setting kinds): its entries, its `<PREFIX>_*` HTTP overrides prefix, its HTTP
 * defaults, which settings make it LIVE, and the checks that span its settings. `spec.ts` and
 * `assemble.ts` derive the Vendors group, the per-vendor overrides and `upstreamFor` from the list
 * in `src/vendors/settings.ts`.
 */
import type { Entry } from './kinds.js';
import type { UpstreamSettings } from './upstream.js';

export interface VendorSettingsSpec<
  K extends string = string,
  P extends string = string,
  E extends Record<string, Entry & { at: `${K}.${string}` }> = Record<
    string,
    Entry & { at: `${K}.${string}` }
  >,
> {
  /** The vendor's key: its settings live at `settings[key]`. */
  key: K;
  /** `<PREFIX>_CONNECT_TIMEOUT_MS` and the other per-vendor HTTP overrides. */
  prefix: P;
  /** Prefixes under which an unknown variable is likely a typo of this vendor's settings. */
  ownPrefixes: readonly string[];
  /** Under `UPSTREAM_*` and over `<PREFIX>_*` (Torq documents 50 requests per second). */
  httpDefaults?: Partial<UpstreamSettings>;
  /** Every entry is `placed('<key>.<field>', …)`: the Settings type derives from them. */
  entries: E;
  /** The settings that make the vendor LIVE when any is set (docs/api.md). */
  live: readonly (keyof E & string)[];
  /**
   * The vendor finds a credential of its own when none is set (Google: application default
   * credentials, the metadata server), so a base URL alone is not a vendor without a credential.
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
>(spec: VendorSettingsSpec<K, P, E>): VendorSettingsSpec<K, P, E> {
  return spec;
}

/** The field of the vendor's section an entry is placed at (`torq.baseUrl` → `baseUrl`). */
export function fieldOf(entry: { at: string }): string {
  return entry.at.slice(entry.at.indexOf('.') + 1);
}
