/**
 * The shared tier of the vendor-response cache (REDIS_URL): what one replica fetched, every
 * replica serves. Keys are the cache's own (vendor, credential partition, method, URL, headers;
 * `readKey`), hashed so a key never carries a URL or a partition in clear and stays short. An
 * entry lives in Redis until its stale bound (`PX` = fresh + stale-while-revalidate), the same
 * lifetime as in the local tier; answers whose JSON is larger than REDIS_CACHE_MAX_ENTRY_BYTES
 * stay in the local tier only. Redis's own `maxmemory` policy bounds the whole.
 *
 * Entries are encrypted at rest (AES-256-GCM, redis-crypto.ts) with a key derived from the one of
 * vendor tokens (REDIS_ENCRYPTION_KEY, or derived from SIGNING_SECRET), bound to their Redis key:
 * vendor answers carry data callers only see masked (secrets in a vendor's answer), and Redis may be read by
 * more people than the gateway. A value that does not decrypt (another key, damage) is a miss.
 *
 * `TieredStore` puts the in-process LRU in front: a local fresh entry is served without a network
 * round trip; otherwise Redis is asked, and what it has is copied into the local tier. Redis down
 * or failing: the local tier alone answers, callers see no error.
 */
import { createHash } from 'node:crypto';
import type { CacheEntry, CacheStore, MemoryStore } from '../http/cache-store.js';
import { openBytes, sealToBytes } from './redis-crypto.js';
import type { SharedRedis } from './redis.js';

/** Counters of the shared tier (metrics read them at scrape time). */
export interface SharedCacheCounters {
  /** Reads the local tier could not answer fresh that Redis answered (another replica fetched it). */
  hits: number;
  /** Reads the local tier could not answer fresh and Redis could not either. */
  misses: number;
  /** Entries not written because they were larger than the per-entry bound. */
  tooLarge: number;
  /** Commands that failed (Redis down): the local tier answered alone. */
  errors: number;
}

export class RedisCacheStore implements CacheStore {
  readonly counters: SharedCacheCounters = { hits: 0, misses: 0, tooLarge: 0, errors: 0 };

  constructor(
    private readonly redis: SharedRedis,
    /** Largest serialised entry kept (bytes). */
    private readonly maxEntryBytes: number,
    /**
     * A fingerprint of the gateway's own vendor credentials: the `default` partition of a key
     * means "this deployment's credential", so two deployments that share a Redis and a prefix
     * by mistake still never serve each other's answers.
     */
    private readonly scope: string,
    /** The AES-256-GCM key of cached answers (`purposeKey` of the Redis encryption key). */
    private readonly key: Buffer,
  ) {}

  #key(key: string): string {
    return `cache:${createHash('sha256').update(this.scope).update('\n').update(key).digest('base64url')}`;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (!this.redis.ready()) return undefined;
    try {
      const slot = this.#key(key);
      const raw = await this.redis.client.getBuffer(slot);
      const plain = raw === null ? undefined : openBytes(this.key, slot, raw);
      return plain === undefined ? undefined : parseEntry(plain.toString('utf8'));
    } catch {
      this.counters.errors++;
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    if (!this.redis.ready()) return;
    const text = JSON.stringify(entry);
    if (Buffer.byteLength(text) > this.maxEntryBytes) {
      this.counters.tooLarge++;
      return;
    }
    try {
      const slot = this.#key(key);
      const sealed = sealToBytes(this.key, slot, text);
      await this.redis.client.set(slot, sealed, 'PX', Math.max(1, Math.ceil(ttlMs)));
    } catch {
      this.counters.errors++;
    }
  }

  async delete(key: string): Promise<void> {
    if (!this.redis.ready()) return;
    try {
      await this.redis.client.del(this.#key(key));
    } catch {
      this.counters.errors++;
    }
  }
}

/** An entry as written by `set`; anything else (another version, damage) is a miss. */
function parseEntry(raw: string): CacheEntry | undefined {
  try {
    const e = JSON.parse(raw) as Partial<CacheEntry>;
    if (
      typeof e.storedAt !== 'number' ||
      typeof e.freshUntil !== 'number' ||
      typeof e.staleUntil !== 'number' ||
      typeof e.read?.bytes !== 'number' ||
      typeof e.read.headers !== 'object'
    ) {
      return undefined;
    }
    return e as CacheEntry;
  } catch {
    return undefined;
  }
}

/** The local LRU in front of the shared tier. */
export class TieredStore implements CacheStore {
  constructor(
    readonly local: MemoryStore,
    readonly shared: RedisCacheStore,
  ) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const near = this.local.get(key);
    const now = Date.now();
    if (near && now < near.freshUntil) return near;
    // Absent or stale here: another replica may have fetched (or refreshed) it.
    const far = await this.shared.get(key);
    if (far && now < far.staleUntil && (!near || far.freshUntil > near.freshUntil)) {
      this.shared.counters.hits++;
      this.local.set(key, far, far.staleUntil - now);
      return far;
    }
    this.shared.counters.misses++;
    return near;
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    this.local.set(key, entry, ttlMs);
    // A compact form only this process reads (`JsonRead.local`) stays in the local tier.
    if (entry.read.local) return;
    await this.shared.set(key, entry, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.local.delete(key);
    await this.shared.delete(key);
  }
}
