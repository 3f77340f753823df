/**
 * Where the vendor-response cache keeps its entries: the `CacheStore` interface (get/set/delete
 * with a TTL) and `MemoryStore`, the in-process LRU (lru-cache, by bytes). A shared tier (Redis,
 * src/shared/redis-cache-store.ts) implements the same interface.
 */
import { LRUCache } from 'lru-cache';

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
