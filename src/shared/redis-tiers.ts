/**
 * What replicas share on Redis (REDIS_URL), built once per gateway on its one connection:
 *  - global vendor rates (`{VENDOR}_MAX_RPS` across replicas): redis-rate-gate.ts;
 *  - the vendor-response cache's shared tier, encrypted: redis-cache-store.ts;
 *  - vendor tokens, encrypted, renewed once for all: redis-token-store.ts.
 * Circuit breakers and the per-caller rate limit stay per replica. Redis down: each tier falls
 * back to its local one (see each file); `/readyz` reports `redis` as a non-critical check.
 */
import { createHmac } from 'node:crypto';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheStore, MemoryStore } from '../http/cache-store.js';
import type { RateGate } from '../http/limiter.js';
import type { SharedCredentialStore } from '../http/token-cache.js';
import type { Readiness } from '../observability/readiness.js';
import { Secret, sectionOf, type Settings } from '../settings/load.js';
import { vendorSpecs } from '../settings/spec.js';
import { fieldOf } from '../settings/vendor.js';
import { RedisCacheStore, TieredStore } from './redis-cache-store.js';
import { purposeKey } from './redis-crypto.js';
import { RedisRateGate } from './redis-rate-gate.js';
import { RedisCredentialStore, tokenEncryptionKey } from './redis-token-store.js';
import type { SharedRedis } from './redis.js';

export interface RedisTiers {
  readonly redis: SharedRedis;
  /** The global rate of one vendor, or undefined when the vendor has no rate limit. */
  rateGate(vendor: string, ratePerSecond: number | undefined): RateGate | undefined;
  /** The shared slot of one of the gateway's own vendor credentials (never a forwarded one). */
  credentialStore(vendor: string, identity: readonly string[]): SharedCredentialStore;
  /** The vendor-response cache: `local` in front of the Redis tier. */
  cacheStore(local: MemoryStore): CacheStore;
  /** The Redis tier of the cache, once `cacheStore` built it (counters for metrics and tests). */
  readonly sharedCache: RedisCacheStore | undefined;
}

/** A value with every Secret in it revealed, object keys sorted: for fingerprints only. */
function revealed(v: unknown): unknown {
  if (v instanceof Secret) return { secret: v.reveal() };
  if (Array.isArray(v)) return v.map(revealed);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, revealed(x)]),
    );
  }
  return v;
}

/**
 * The gateway's own credentials, by vendor: the settings each vendor declares as identifying its
 * credential (`credential` in its settings), for every vendor there is (registered ones included).
 */
function credentials(settings: Settings): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    vendorSpecs().map((spec) => {
      const section = sectionOf(settings, spec.key);
      const fields = spec.credential.flatMap((name) => {
        const entry = spec.entries[name];
        return entry ? [fieldOf(entry)] : [];
      });
      return [spec.key, Object.fromEntries(fields.map((f) => [f, section[f]]))];
    }),
  );
}

export function createRedisTiers(redis: SharedRedis, settings: Settings): RedisTiers {
  const key = tokenEncryptionKey(settings.shared.redisEncryptionKey, settings.signingSecret);
  // Replicas share cached answers only when they call every vendor with the same credentials.
  const cacheScope = createHmac('sha256', key)
    .update(`cache scope\0${JSON.stringify(revealed(credentials(settings)))}`)
    .digest('base64url');
  let sharedCache: RedisCacheStore | undefined;
  return {
    redis,
    rateGate: (vendor, rps) => (rps ? new RedisRateGate(redis, vendor, rps) : undefined),
    credentialStore: (vendor, identity) => new RedisCredentialStore(redis, key, vendor, identity),
    cacheStore(local) {
      sharedCache = new RedisCacheStore(
        redis,
        settings.shared.redisCacheMaxEntryBytes,
        cacheScope,
        purposeKey(key, 'redis cache encryption v1'),
      );
      return new TieredStore(local, sharedCache);
    },
    get sharedCache() {
      return sharedCache;
    },
  };
}

/** `/readyz` names Redis; down is "degraded", not unready: every tier has a local fallback. */
export function registerRedisReadiness(readiness: Readiness, redis: SharedRedis): void {
  readiness.register('redis', async () => {
    try {
      if (!redis.ready()) return { ok: false, critical: false, status: redis.client.status };
      await redis.client.ping();
      return { ok: true, critical: false, status: 'ready' };
    } catch (err) {
      return { ok: false, critical: false, status: redis.client.status, error: (err as Error).message };
    }
  });
}

/** `gateway_redis_up` and the shared cache tier's counters, read at scrape time. */
export function registerRedisMetrics(registry: Registry, tiers: RedisTiers): void {
  new Gauge({
    name: 'gateway_redis_up',
    help: 'Whether the shared Redis (REDIS_URL) is connected (1) or not (0: local tiers only)',
    registers: [registry],
    collect() {
      this.set(tiers.redis.ready() ? 1 : 0);
    },
  });
  const counter = (name: string, help: string, pick: 'hits' | 'misses' | 'tooLarge' | 'errors') =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(tiers.sharedCache?.counters[pick] ?? 0);
      },
    });
  counter(
    'gateway_shared_cache_hits_total',
    'Vendor answers the local cache lacked that Redis had (fetched by another replica)',
    'hits',
  );
  counter(
    'gateway_shared_cache_misses_total',
    'Reads neither the local cache nor Redis could answer',
    'misses',
  );
  counter(
    'gateway_shared_cache_too_large_total',
    'Answers kept in the local tier only: larger than REDIS_CACHE_MAX_ENTRY_BYTES',
    'tooLarge',
  );
  counter(
    'gateway_shared_cache_errors_total',
    'Redis cache commands that failed (local tier only)',
    'errors',
  );
}
