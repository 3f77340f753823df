/**
 * The long-lived parts of one gateway process: settings, logger, vendor clients (one HTTP pool set
 * each) and the URL signer. Built once; each GraphQL request gets a Context around it.
 */
import { type Authenticator, createAuthenticator } from './auth.js';
import { Signer } from './downloads/signer.js';
import { PgVault } from './downloads/pg-vault.js';
import { RedisLock } from './downloads/redis-lock.js';
import { DirectoryVault } from './downloads/directory-vault.js';
import type { Vault, VaultHealth } from './downloads/vault.js';
import { VendorNotConfiguredError } from './errors.js';
import { VendorCache } from './http/cache.js';
import { ResponseCache } from './http/response-cache.js';
import { createLogger, type Logger } from './logger.js';
import { createObservability, type Observability } from './observability/index.js';
import { registerCoreChecks } from './observability/checks.js';
import type { Settings } from './settings.js';
import { connectPostgres, type SharedPostgres } from './shared/postgres.js';
import { connectRedis, type SharedRedis } from './shared/redis.js';
import {
  createRedisTiers,
  type RedisTiers,
  registerRedisMetrics,
  registerRedisReadiness,
} from './shared/redis-tiers.js';
import {
  createVendorHandles,
  type StartedSandboxes,
  type VendorHandle,
  type VendorHandles,
} from './vendors/index.js';

export interface Gateway {
  settings: Settings;
  logger: Logger;
  vendors: VendorHandles;
  signer: Signer;
  vault: Vault;
  authenticator: Authenticator;
  /** The vendor-response cache and its counters (hits, misses, stale, coalesced, refreshFailures). */
  cache: VendorCache;
  /** The whole-response cache (per caller, as long as the vendor answers in it are fresh). */
  responseCache: ResponseCache;
  /** Metrics, tracing, readiness checks, per-caller rate limit. */
  observability: Observability;
  /**
   * Connections to state shared by replicas, opened when their settings are set: `redis`
   * (REDIS_URL, the one connection of this replica: rates, cache tier, tokens, locks) and
   * `postgres` (DATABASE_URL: the vault's pool).
   */
  shared: {
    redis?: SharedRedis | undefined;
    redisTiers?: RedisTiers | undefined;
    postgres?: SharedPostgres | undefined;
  };
  /** Runs the vault's retention sweep now. */
  sweep(): Promise<void>;
  /**
   * The vault's part of readiness: undefined when no vendor keeps files there (ROMA not
   * configured), else whether a once-only archive can be taken now and, if not, why.
   */
  vaultReadiness(): Promise<VaultHealth | undefined>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  sandboxes?: StartedSandboxes;
  logger?: Logger;
  vault?: Vault;
}

export function createGateway(settings: Settings, opts: GatewayOptions = {}): Gateway {
  const logger = opts.logger ?? createLogger(settings.logLevel, undefined, settings.observability.logFormat);
  // Shared state of replicas (issue 16): one Redis connection and one PostgreSQL pool per process.
  const { shared } = settings;
  const redis = shared.redisUrl ? connectRedis(shared.redisUrl, shared.redisKeyPrefix, logger) : undefined;
  const postgres = shared.databaseUrl
    ? connectPostgres(shared.databaseUrl, shared.databaseSchema, logger)
    : undefined;
  // The once-only lock: Redis across hosts when set, else the storage's own (lock files, advisory locks).
  const lock = redis ? new RedisLock(redis, { ttlMs: shared.romaLockTtlMs, logger }) : undefined;
  const vault: Vault =
    opts.vault ??
    (postgres
      ? new PgVault({
          pg: postgres,
          encryptionKey: settings.vault.encryptionKey,
          retentionMs: settings.vault.retentionMs,
          maxBytes: settings.vault.maxBytes,
          lock,
        })
      : new DirectoryVault({
          dir: settings.vault.dir,
          encryptionKey: settings.vault.encryptionKey,
          retentionMs: settings.vault.retentionMs,
          maxBytes: settings.vault.maxBytes,
          minFreeBytes: settings.vault.minFreeBytes,
          lock,
        }));
  if (vault instanceof PgVault) {
    // Migrations at start (every replica; an advisory lock lets one run them at a time).
    vault.migrate().then(
      () => logger.info('vault database ready', { schema: shared.databaseSchema }),
      (err: unknown) =>
        logger.error('vault database migrations failed; retried on first use', { error: String(err) }),
    );
  }
  const redisTiers = redis && createRedisTiers(redis, settings);
  const cache = VendorCache.fromSettings(settings.cache, redisTiers?.cacheStore);
  const responseCache = new ResponseCache(
    settings.cache.enabled && settings.cache.response ? settings.cache.responseMaxBytes : 0,
  );
  const vendors = createVendorHandles(settings, opts.sandboxes ?? {}, logger, vault, cache, redisTiers);
  const { auth } = settings;
  if (auth.mode === 'jwt' && (!auth.jwtAudience || !auth.jwtIssuer)) {
    logger.warn(
      'AUTH_MODE=jwt without JWT_AUDIENCE or JWT_ISSUER: tokens signed for any service or issuer are accepted',
      { audience: auth.jwtAudience ?? null, issuer: auth.jwtIssuer ?? null },
    );
  }
  // Retention: sweep now and every hour; the timer never keeps the process alive.
  const sweep = () =>
    vault.sweep().then(
      (n) => n > 0 && logger.info('vault sweep', { removed: n }),
      (err: unknown) => logger.warn('vault sweep failed', { error: String(err) }),
    );
  const sweeper = setInterval(sweep, 60 * 60_000);
  sweeper.unref();
  const signer = new Signer({
    secret: settings.signingSecret,
    previous: settings.signingSecretPrevious,
    publicUrl: () => settings.publicUrl,
    defaultExpiresIn: settings.downloadDefaultExpiresIn,
    maxExpiresIn: settings.downloadMaxExpiresIn,
  });
  const observability = createObservability(settings.observability, {
    vendors: () =>
      Object.values(vendors).flatMap((v) =>
        v.client ? [{ vendor: v.vendor, circuit: v.client.http.circuit.state, ...v.client.http.load }] : [],
      ),
    vaultDir: settings.vault.dir,
    ...(vault instanceof PgVault ? { vaultUsage: () => vault.usage() } : {}),
    // h15's counters, read at scrape time (issue 15: cache hits/misses/stale/coalesced as metrics).
    cache: () =>
      Object.values(vendors).map((v) => ({ vendor: v.vendor, counters: cache.counters(v.vendor) })),
    responseCache: () => responseCache.counters,
  });
  registerCoreChecks(observability.readiness, settings, vendors);
  if (postgres) {
    // The vault is the database: whether it can be reached and migrated (not VAULT_DIR).
    observability.readiness.register('vault', async () => {
      const h = await vault.health();
      return h.ok
        ? { ok: true, critical: true, storage: 'postgres' }
        : { ok: false, critical: true, storage: 'postgres', reason: h.reason, error: h.message };
    });
  }
  if (redisTiers) {
    registerRedisReadiness(observability.readiness, redisTiers.redis);
    if (observability.metrics) registerRedisMetrics(observability.metrics.registry, redisTiers);
  }
  const vaultReadiness = async () => (vendors.roma.client ? vault.health() : undefined);
  // h11a's capacity check: a vault that cannot take a once-only archive now makes this replica unready.
  observability.readiness.register('vault:capacity', async () => {
    const health = await vaultReadiness();
    if (!health) return { ok: true, critical: true, used: false };
    return { ...health, critical: true };
  });
  return {
    settings,
    logger,
    vendors,
    signer,
    vault,
    authenticator: createAuthenticator(settings),
    cache,
    responseCache,
    observability,
    shared: { redis, redisTiers, postgres },
    sweep: async () => {
      await sweep();
    },
    vaultReadiness,
    async close() {
      clearInterval(sweeper);
      // Once-only archives still being taken land in the vault first (bounded), then clients close.
      await vendors.roma.client?.archives.drain(settings.vault.shutdownGraceMs);
      await observability.tracing?.shutdown();
      await Promise.all(Object.values(vendors).map((v) => v.client?.close()));
      await vault.close?.();
      await Promise.all([redis?.close(), postgres?.close()]);
    },
  };
}

/** The client of a vendor, or VENDOR_NOT_CONFIGURED. */
export function requireClient<C>(handle: VendorHandle<C>): C {
  if (!handle.client) {
    throw new VendorNotConfiguredError(
      `${handle.vendor} is not configured: set its credentials (the sandbox stands in only outside production, or with SANDBOX=on)`,
      { vendor: handle.vendor },
    );
  }
  return handle.client;
}
