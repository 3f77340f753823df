/**
 * The vendor-response cache: parsed JSON answers of idempotent vendor GETs, kept per vendor with
 * the TTLs of settings (`{VENDOR}_CACHE_TTL_MS`), bounded in bytes (`CACHE_MAX_BYTES`), and
 * partitioned by credential identity: an answer fetched with a caller's forwarded credential is
 * only ever served to that same credential, never to the gateway's own or to anyone else's.
 *
 * Pieces, composed by `VendorHttp.json`:
 *  - `CacheStore`: get/set/delete with a TTL; `MemoryStore` is the in-process LRU (lru-cache, by
 *    bytes). A shared tier (Redis) can implement the same interface.
 *  - `VendorCache`: policy (TTL per vendor, the vendor's `Cache-Control`, stale-while-revalidate)
 *    and counters (hits, misses, stale, coalesced, refreshFailures) for metrics to read.
 *  - `readThrough`: the cache in front of a coalesced vendor call (coalesce.ts).
 *  - a per-GraphQL-request scope, found by the request's AbortSignal (which every vendor call of
 *    the request carries; no AsyncLocalStorage, whose promise hooks cost on every await): `bypass` (a mutation, `refresh: true`, or
 *    `Cache-Control: no-cache` from the caller) and the freshness of what was read, which the
 *    response reports as `extensions.cacheControl`.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { VendorName } from '../foundations/errors.js';
import type { CacheSettings } from '../settings/load.js';
import type { Coalescer } from './coalesce.js';
import { credentialPartition } from './forwarding.js';

/** A parsed vendor JSON answer. Shared between callers: never mutate `data`. */
export interface JsonRead {
  data: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Size of the JSON text the vendor sent, or of `data` as kept when `local`. */
  bytes: number;
  /**
   * `data` is a compact form of the answer that only this process reads (a long vendor list):
   * kept by the in-process tier only, never written to a shared tier.
   */
  local?: true;
}

export interface CacheEntry {
  read: JsonRead;
  storedAt: number;
  /** Served as is until then. */
  freshUntil: number;
  /** Served once more while a refresh runs until then (stale-while-revalidate); gone after. */
  staleUntil: number;
}

/** Where entries live. In-process, or a shared Redis tier implementing the same. */
export interface CacheStore {
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** The in-process LRU, bounded by the vendors' JSON bytes (parsed objects take ~2-4× that). */
export class MemoryStore implements CacheStore {
  readonly #lru: LRUCache<string, CacheEntry>;
  constructor(maxBytes: number) {
    this.#lru = new LRUCache<string, CacheEntry>({
      maxSize: maxBytes,
      sizeCalculation: (e, key) => Math.max(1, e.read.bytes + key.length),
    });
  }
  get(key: string): CacheEntry | undefined {
    return this.#lru.get(key);
  }
  set(key: string, entry: CacheEntry, ttlMs: number): void {
    this.#lru.set(key, entry, { ttl: Math.max(1, Math.ceil(ttlMs)) });
  }
  delete(key: string): void {
    this.#lru.delete(key);
  }
  /** Bytes held now. */
  get size(): number {
    return this.#lru.calculatedSize;
  }
}

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

export interface CacheControl {
  noStore: boolean;
  noCache: boolean;
  private: boolean;
  mustRevalidate: boolean;
  maxAge: number | undefined;
  sMaxAge: number | undefined;
  staleWhileRevalidate: number | undefined;
}

/** RFC 9111 response directives we act on; unknown ones are ignored. */
export function parseCacheControl(value: string | string[] | undefined): CacheControl {
  const cc: CacheControl = {
    noStore: false,
    noCache: false,
    private: false,
    mustRevalidate: false,
    maxAge: undefined,
    sMaxAge: undefined,
    staleWhileRevalidate: undefined,
  };
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  for (const part of text.split(',')) {
    const [rawName = '', rawArg] = part.split('=', 2);
    const name = rawName.trim().toLowerCase();
    const arg = rawArg?.trim().replace(/^"|"$/g, '');
    const secs = arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : undefined;
    if (name === 'no-store') cc.noStore = true;
    else if (name === 'no-cache') cc.noCache = true;
    else if (name === 'private') cc.private = true;
    else if (name === 'must-revalidate' || name === 'proxy-revalidate') cc.mustRevalidate = true;
    else if (name === 'max-age') cc.maxAge = secs ?? 0;
    else if (name === 's-maxage') cc.sMaxAge = secs ?? 0;
    else if (name === 'stale-while-revalidate') cc.staleWhileRevalidate = secs;
  }
  return cc;
}

/** What one GraphQL request asked of the cache and learned from it. */
export interface CacheScope {
  /** Skip cached answers (a mutation, `refresh: true`, or the caller's `Cache-Control: no-cache`). */
  bypass: boolean;
  /** Vendor answers read (cached or not). */
  reads: number;
  /** Smallest remaining fresh lifetime of what was read, in ms (0 when something is not cached). */
  maxAgeMs: number;
  /** Age of the oldest cached answer served, in ms. */
  ageMs: number;
  /** True when a stale answer was served (a refresh was started). */
  stale: boolean;
  /** True when the answer holds something that must not be kept whole (a signed download URL). */
  uncacheable?: boolean;
}

const scopes = new WeakMap<AbortSignal, CacheScope>();

/** Opens the cache scope of the request whose vendor calls carry `signal`. */
export function openCacheScope(signal: AbortSignal, bypass: boolean): CacheScope {
  const scope = { bypass, reads: 0, maxAgeMs: Number.POSITIVE_INFINITY, ageMs: 0, stale: false };
  scopes.set(signal, scope);
  return scope;
}

export function cacheScopeOf(signal: AbortSignal | undefined): CacheScope | undefined {
  return signal ? scopes.get(signal) : undefined;
}

/** The request's answer must not be kept by the whole-response cache (response-cache.ts). */
export function markUncacheable(signal: AbortSignal | undefined): void {
  const s = cacheScopeOf(signal);
  if (s) s.uncacheable = true;
}

function note(s: CacheScope | undefined, maxAgeMs: number, ageMs = 0, stale = false): void {
  if (!s) return;
  s.reads++;
  s.maxAgeMs = Math.min(s.maxAgeMs, Math.max(0, maxAgeMs));
  s.ageMs = Math.max(s.ageMs, ageMs);
  s.stale ||= stale;
}

/**
 * The identity of a read: vendor, credential partition (the gateway's own, or a hash of the
 * caller's forwarded credential), method, URL and the request's own headers (hashed: a token
 * call's Basic header never sits in a key in clear).
 */
export function readKey(
  vendor: VendorName,
  method: string,
  url: string,
  headers: Record<string, string> | undefined,
  authenticate: boolean,
): { key: string; ownPartition: boolean } {
  const partition = authenticate ? credentialPartition(vendor) : 'anonymous';
  const extra =
    headers && Object.keys(headers).length > 0
      ? createHash('sha256')
          .update(JSON.stringify(Object.entries(headers).sort()))
          .digest('base64url')
          .slice(0, 22)
      : '';
  return {
    key: `${vendor}\n${partition}\n${method}\n${url}\n${extra}`,
    ownPartition: partition !== 'default' && partition !== 'anonymous',
  };
}

export interface ReadThrough {
  vendor: VendorName;
  key: string;
  ownPartition: boolean;
  /** This caller's deadline/cancellation. */
  signal: AbortSignal | undefined;
  policy: CallCachePolicy | undefined;
  /** False: neither shared nor cached (e.g. an export job's status). */
  coalesce: boolean;
  coalescer: Coalescer;
  cache: VendorCache | undefined;
  /** The vendor call itself, with the shared call's signal. */
  fetch: (signal: AbortSignal | undefined) => Promise<JsonRead>;
  /** Told when a background refresh fails (the stale entry stays until its bound). */
  onRefreshError?: (err: unknown) => void;
}

/** The cache (when the call has a policy) in front of one coalesced vendor call. */
export async function readThrough(r: ReadThrough): Promise<JsonRead> {
  const scope = cacheScopeOf(r.signal);
  if (!r.coalesce) {
    note(scope, 0);
    return r.fetch(r.signal);
  }
  const cache = r.cache;
  const ttl = cache ? cache.ttlFor(r.vendor, r.policy) : 0;
  const counters = cache?.counters(r.vendor);
  const onJoin = () => counters && counters.coalesced++;
  const onReplay = () => counters && counters.failuresReplayed++;
  if (!cache || ttl <= 0) {
    const read = await r.coalescer.run(r.key, r.signal, r.fetch, onJoin, onReplay);
    note(scope, 0);
    return read;
  }
  if (!scope?.bypass) {
    const entry = await cache.store.get(r.key);
    const now = Date.now();
    if (entry && now < entry.freshUntil) {
      counters!.hits++;
      note(scope, entry.freshUntil - now, now - entry.storedAt);
      return entry.read;
    }
    if (entry && now < entry.staleUntil) {
      counters!.stale++;
      refreshInBackground(r, cache, ttl);
      note(scope, 0, now - entry.storedAt, true);
      return entry.read;
    }
  }
  counters!.misses++;
  const read = await r.coalescer.run(
    r.key,
    r.signal,
    async (signal) => {
      const fetched = await r.fetch(signal);
      await cache.put(r.key, fetched, ttl, r.ownPartition);
      return fetched;
    },
    onJoin,
    onReplay,
  );
  // Whoever started the call stored it (or not, as Cache-Control said): report what is kept.
  const kept = await cache.store.get(r.key);
  note(scope, kept?.read === read ? kept.freshUntil - Date.now() : 0);
  return read;
}

/** One refresh per key at a time, detached from every caller's deadline; failures keep the entry. */
function refreshInBackground(r: ReadThrough, cache: VendorCache, ttl: number): void {
  if (cache.refreshing.has(r.key)) return;
  cache.refreshing.add(r.key);
  r.coalescer
    .run(r.key, undefined, async (signal) => {
      const fetched = await r.fetch(signal);
      await cache.put(r.key, fetched, ttl, r.ownPartition);
      return fetched;
    })
    .catch((err: unknown) => {
      cache.counters(r.vendor).refreshFailures++;
      r.onRefreshError?.(err);
    })
    .finally(() => cache.refreshing.delete(r.key));
}
