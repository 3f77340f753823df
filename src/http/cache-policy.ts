/**
 * The vendor-response cache's policy: TTL per vendor (`{VENDOR}_CACHE_TTL_MS`), the vendor's
 * `Cache-Control`, stale-while-revalidate; and its counters (hits, misses, stale, coalesced,
 * refreshFailures) for metrics to read.
 */
import type { VendorName } from '../foundations/errors.js';
import type { CacheSettings } from '../settings/load.js';
import { parseCacheControl } from './cache-control.js';
import { type CacheStore, type JsonRead, MemoryStore } from './cache-store.js';

/** A call's cache policy, given by the vendor client per request: `true` = the vendor's TTL. */
export type CallCachePolicy = boolean | { ttlMs?: number };

export interface CacheCounters {
  hits: number;
  misses: number;
  /** Stale entries served while a refresh ran. */
  stale: number;
  /** Calls that joined an identical call in flight instead of making their own. */
  coalesced: number;
  /** Background refreshes that failed (the stale entry was kept). */
  refreshFailures: number;
  /** Reads answered with a failure remembered from a call just before (no vendor call). */
  failuresReplayed: number;
}

export interface VendorCacheOptions {
  enabled: boolean;
  /** Fresh TTL per vendor; 0 or absent = that vendor's answers are not kept. */
  ttlMs: Partial<Record<VendorName, number>>;
  /** How long past its TTL an entry may still be served while it is refreshed. */
  staleMs: number;
  store: CacheStore;
  /** How long a failed read is answered with its error again without a call (coalesce.ts); 0 = never. */
  failureTtlMs?: number;
}

export class VendorCache {
  readonly enabled: boolean;
  readonly staleMs: number;
  readonly store: CacheStore;
  readonly failureTtlMs: number;
  readonly #ttl: Partial<Record<VendorName, number>>;
  readonly #counters = new Map<VendorName, CacheCounters>();
  /** Keys being refreshed in the background: one refresh at a time per key. */
  readonly refreshing = new Set<string>();

  constructor(opts: VendorCacheOptions) {
    this.enabled = opts.enabled;
    this.staleMs = opts.staleMs;
    this.store = opts.store;
    this.failureTtlMs = opts.failureTtlMs ?? 0;
    this.#ttl = opts.ttlMs;
  }

  /**
   * `vendorOf` maps a settings key to its vendor (its `Vendor` enum value): the vendor modules know it,
   * http does not. `tiered`: puts a shared tier behind the local LRU (REDIS_URL:
   * src/shared/redis-cache-store.ts).
   */
  static fromSettings(
    s: CacheSettings,
    vendorOf: (key: string) => VendorName | undefined,
    tiered?: (local: MemoryStore) => CacheStore,
  ): VendorCache {
    const ttlMs: Partial<Record<VendorName, number>> = {};
    for (const [k, v] of Object.entries(s.ttlMs)) {
      const vendor = vendorOf(k);
      if (vendor !== undefined) ttlMs[vendor] = v;
    }
    return new VendorCache({
      enabled: s.enabled,
      ttlMs,
      staleMs: s.staleMs,
      failureTtlMs: s.failureTtlMs,
      store: tiered ? tiered(new MemoryStore(s.maxBytes)) : new MemoryStore(s.maxBytes),
    });
  }

  /** The fresh TTL of a call under `policy`; 0 = not cached. */
  ttlFor(vendor: VendorName, policy: CallCachePolicy | undefined): number {
    if (!this.enabled || !policy) return 0;
    const base = this.#ttl[vendor] ?? 0;
    if (base <= 0) return 0; // {VENDOR}_CACHE_TTL_MS=0 turns the vendor's cache off
    return typeof policy === 'object' && policy.ttlMs !== undefined ? Math.min(base, policy.ttlMs) : base;
  }

  /** Counters of one vendor (created on first use); `totals()` sums them. */
  counters(vendor: VendorName): CacheCounters {
    let c = this.#counters.get(vendor);
    if (!c) {
      c = { hits: 0, misses: 0, stale: 0, coalesced: 0, refreshFailures: 0, failuresReplayed: 0 };
      this.#counters.set(vendor, c);
    }
    return c;
  }

  totals(): CacheCounters {
    const t: CacheCounters = {
      hits: 0,
      misses: 0,
      stale: 0,
      coalesced: 0,
      refreshFailures: 0,
      failuresReplayed: 0,
    };
    for (const c of this.#counters.values()) {
      for (const k of Object.keys(t) as (keyof CacheCounters)[]) t[k] += c[k];
    }
    return t;
  }

  /**
   * Keeps `read` for `ttlMs`, as the vendor's `Cache-Control` allows: `no-store`/`no-cache` (and
   * `max-age=0`) keep nothing; `private` is kept only in a forwarded credential's own partition
   * (the default partition is shared by every caller of the gateway); `s-maxage`/`max-age` shorten
   * the TTL; `must-revalidate` forbids serving it stale. Returns the fresh lifetime kept (0 = none).
   */
  async put(key: string, read: JsonRead, ttlMs: number, ownPartition: boolean): Promise<number> {
    const cc = parseCacheControl(read.headers['cache-control']);
    if (cc.noStore || cc.noCache || (cc.private && !ownPartition)) return 0;
    let fresh = ttlMs;
    const vendorMaxAge = cc.sMaxAge ?? cc.maxAge;
    if (vendorMaxAge !== undefined) fresh = Math.min(fresh, vendorMaxAge * 1000);
    if (fresh <= 0) return 0;
    let stale = cc.mustRevalidate ? 0 : this.staleMs;
    if (cc.staleWhileRevalidate !== undefined) stale = Math.min(stale, cc.staleWhileRevalidate * 1000);
    const now = Date.now();
    await this.store.set(
      key,
      { read, storedAt: now, freshUntil: now + fresh, staleUntil: now + fresh + stale },
      fresh + stale,
    );
    return fresh;
  }
}
