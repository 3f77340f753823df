/**
 * The whole-response cache: the JSON text of a query's `data`, kept for as long as every vendor
 * answer it was made of stays fresh, and served again to the SAME caller without parsing,
 * validating or executing anything. On the bench query (73 listed integrations × 7 fields + one
 * package version) executing ~600 fields costs far more than the two vendor reads the
 * vendor-response cache saves, so this is the lever that takes the gateway past calling the
 * vendors directly.
 *
 * Why not @graphql-yoga/plugin-response-cache: its session function runs before our
 * authentication (so it would authenticate twice), its TTLs are static per type/coordinate while
 * ours follow what was actually read (and its remaining freshness), and it re-serialises the
 * cached result on every hit; this is ~150 lines over lru-cache.
 *
 * Rules (each one tested in test/inprocess/response-cache.test.ts):
 *  - Key = the caller's identity (principal id + its scopes + a hash of every credential it
 *    forwarded) + operation name + variables + document text. One caller's answer is never served
 *    to another identity, nor to the same identity with other scopes or other forwarded credentials.
 *  - Only queries, answered without any error, not bypassed (`refresh: true`, a mutation, the
 *    caller's `Cache-Control: no-cache`), that read at least one vendor answer and only cacheable
 *    ones (`{VENDOR}_CACHE_TTL_MS` > 0, the vendor's own `Cache-Control` allowing it, nothing
 *    served stale). TTL = the smallest remaining freshness of those answers, so a cached response
 *    never outlives the vendor cache entries it was built from. Exports and once-only archives are
 *    never cached (no TTL), so neither is any response touching them.
 *  - Never a response that signed a download URL: links carry their own expiry and caller
 *    binding, and a copy served later would hand out a link minted for an earlier moment.
 *  - A hit still passes the per-caller rate limit; a caller over its limit gets the normal path
 *    (and its 429).
 *  - A hit writes again the audit lines executing the answer wrote (src/graphql/audit.ts): every answer
 *    that carries an unmasked secret is audited.
 * The Yoga plugin that reads and fills it is src/graphql/response-cache-plugin.ts (src/http knows no GraphQL).
 */
import { LRUCache } from 'lru-cache';
import type { Principal } from '../foundations/auth.js';
import { forwardingTag } from './forwarding.js';

interface Entry {
  /** `JSON.stringify(result.data)`. */
  data: string;
  storedAt: number;
  expiresAt: number;
  /** Age of the oldest vendor answer in it when stored, in ms. */
  ageAtStore: number;
  /** The audit lines executing it wrote (unmasked secrets): written again on every hit. */
  audits: readonly AuditLine[];
}

/** One audit line an answer carries (src/graphql/audit.ts writes them). */
export interface AuditLine {
  message: string;
  /** `audit` (the kind) and what was revealed; the caller is added when written. */
  fields: Record<string, unknown>;
}

/** A hit: the response body, and the audit lines it carries. */
export interface CachedResponse {
  body: string;
  audits: readonly AuditLine[];
}

export interface ResponseCacheCounters {
  hits: number;
  misses: number;
  /** Responses kept (a miss that was cacheable). */
  stored: number;
}

export class ResponseCache {
  readonly enabled: boolean;
  readonly counters: ResponseCacheCounters = { hits: 0, misses: 0, stored: 0 };
  readonly #lru: LRUCache<string, Entry> | undefined;

  /** `maxBytes` = 0: off. */
  constructor(maxBytes: number) {
    this.enabled = maxBytes > 0;
    this.#lru = this.enabled
      ? new LRUCache<string, Entry>({
          maxSize: maxBytes,
          sizeCalculation: (e, key) => Math.max(1, e.data.length + key.length),
        })
      : undefined;
  }

  /** The response body for `key` if one is fresh, with its `extensions.cacheControl`. */
  get(key: string, now = Date.now()): CachedResponse | undefined {
    const e = this.#lru?.get(key);
    if (!e || now >= e.expiresAt) return undefined;
    const maxAge = Math.floor((e.expiresAt - now) / 1000);
    const age = Math.floor((now - e.storedAt + e.ageAtStore) / 1000);
    return {
      body: `{"data":${e.data},"extensions":{"cacheControl":{"maxAge":${maxAge},"age":${age},"stale":false}}}`,
      audits: e.audits,
    };
  }

  set(key: string, data: unknown, ttlMs: number, ageMs: number, audits: readonly AuditLine[] = []): void {
    if (!this.#lru || !(ttlMs > 0) || !Number.isFinite(ttlMs)) return;
    const now = Date.now();
    const entry = {
      data: JSON.stringify(data),
      storedAt: now,
      expiresAt: now + ttlMs,
      ageAtStore: ageMs,
      audits,
    };
    this.#lru.set(key, entry, { ttl: Math.max(1, Math.ceil(ttlMs)) });
    this.counters.stored++;
  }

  /** Bytes held now. */
  get size(): number {
    return this.#lru?.calculatedSize ?? 0;
  }
}

/** Everything an answer depends on besides the document: who asks, with which scopes and credentials. */
export function sessionOf(principal: Principal): string {
  return `${principal.id}\n${[...principal.scopes].sort().join(' ')}\n${forwardingTag() ?? ''}`;
}
