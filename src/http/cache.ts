/**
 * The vendor-response cache: parsed JSON answers of idempotent vendor GETs, kept per vendor with
 * the TTLs of settings (`{VENDOR}_CACHE_TTL_MS`), bounded in bytes (`CACHE_MAX_BYTES`), and
 * partitioned by credential identity: an answer fetched with a caller's forwarded credential is
 * only ever served to that same credential, never to the gateway's own or to anyone else's.
 *
 * Pieces, composed by `VendorHttp.json`:
 *  - cache-store.ts: `CacheStore` (get/set/delete with a TTL) and `MemoryStore`, the in-process
 *    LRU; a shared tier (Redis) implements the same interface.
 *  - cache-policy.ts: `VendorCache`, the policy (TTL per vendor, the vendor's `Cache-Control` read
 *    by cache-control.ts, stale-while-revalidate) and counters for metrics to read.
 *  - cache-scope.ts: the per-GraphQL-request scope (`bypass`, and the freshness of what was read,
 *    reported as `extensions.cacheControl`).
 *  - cache-key.ts: `readKey`, a read's identity, partitioned by credential.
 *  - this file: `readThrough`, the cache in front of a coalesced vendor call (coalesce.ts).
 */
import type { VendorName } from '../foundations/errors.js';
import type { Coalescer } from './coalesce.js';
import type { CallCachePolicy, VendorCache } from './cache-policy.js';
import { cacheScopeOf, note } from './cache-scope.js';
import type { JsonRead } from './cache-store.js';

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
