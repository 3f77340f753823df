/**
 * The composition root: builds the long-lived parts of one gateway process (settings, logger,
 * vendor clients, the URL signer, the vault) from settings. Each resource registers its disposal
 * on the gateway's `Disposer` as it is created; `close()` disposes of them, last created first.
 * Adding a resource is one `disposer.use(...)` line next to where it is created.
 */
import { join } from 'node:path';
import { createAuthenticator } from '../foundations/auth.js';
import { Disposer } from '../foundations/disposer.js';
import { Signer } from '../downloads/signer.js';
import { DirectoryVault } from '../downloads/directory-vault.js';
import type { Vault } from '../downloads/vault.js';
import type { Gateway } from '../graphql/gateway-types.js';
import { VendorCache } from '../http/cache-policy.js';
import { ResponseCache } from '../http/response-cache.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createObservability } from '../observability/index.js';
import { CallerRateLimiter } from '../graphql/rate-limit.js';
import { registerCoreChecks } from './readiness-checks.js';
import { registerBuildInfo } from '../observability/build-info.js';
import type { Tracing } from '../observability/tracing.js';
import type { Settings } from '../settings/load.js';
import {
  createVendorHandles,
  forwardingHeaders,
  type StartedSandboxes,
  vendorModules,
} from '../vendors/index.js';

export type { Gateway, VendorHandle, VendorHandles } from '../graphql/gateway-types.js';

/**
 * The parts only some deployments use, loaded by `loadOptionalParts` when configured: PostgreSQL
 * (`pg`, DATABASE_URL) and Redis (`ioredis`, REDIS_URL) with what is built on them. Unconfigured,
 * they are never imported, and their modules never take memory (docs/performance.md "Scale").
 */
export interface OptionalParts {
  redis?: typeof import('../shared/redis.js') &
    typeof import('../shared/redis-tiers.js') &
    typeof import('../downloads/redis-lock.js');
  postgres?: typeof import('../shared/postgres.js') & typeof import('../downloads/pg-vault.js');
}

export async function loadOptionalParts(settings: Settings): Promise<OptionalParts> {
  const { redisUrl, databaseUrl } = settings.shared;
  const [redis, postgres] = await Promise.all([
    redisUrl
      ? Promise.all([
          import('../shared/redis.js'),
          import('../shared/redis-tiers.js'),
          import('../downloads/redis-lock.js'),
        ]).then(([a, b, c]) => ({ ...a, ...b, ...c }))
      : undefined,
    databaseUrl
      ? Promise.all([import('../shared/postgres.js'), import('../downloads/pg-vault.js')]).then(([a, b]) => ({
          ...a,
          ...b,
        }))
      : undefined,
  ]);
  return { redis, postgres };
}

export interface GatewayOptions {
  /** What `loadOptionalParts(settings)` loaded: required when REDIS_URL or DATABASE_URL is set. */
  parts?: OptionalParts;
  sandboxes?: StartedSandboxes;
  logger?: Logger;
  vault?: Vault;
  /** Started by the caller (createApp, before the gateway): shut down after every client is closed. */
  tracing?: Tracing;
  /** The stack resources register on; a gateway made alone gets its own. */
  disposer?: Disposer;
}

export function createGateway(settings: Settings, opts: GatewayOptions = {}): Gateway {
  const disposer = opts.disposer ?? new Disposer();
  const logger = opts.logger ?? createLogger(settings.logLevel, undefined, settings.observability.logFormat);
  // Shared state of replicas: one Redis connection and one PostgreSQL pool per process,
  // registered first: they close last, after the vault and the vendor clients that use them.
  const { shared } = settings;
  const parts = opts.parts ?? {};
  const need = <T>(part: T | undefined, setting: string): T => {
    if (!part) throw new Error(`${setting} is set: load its part first (loadOptionalParts)`);
    return part;
  };
  const redisPart = shared.redisUrl ? need(parts.redis, 'REDIS_URL') : undefined;
  const pgPart = shared.databaseUrl ? need(parts.postgres, 'DATABASE_URL') : undefined;
  const redis =
    shared.redisUrl && redisPart
      ? disposer.use('redis', redisPart.connectRedis(shared.redisUrl, shared.redisKeyPrefix, logger), (r) =>
          r.close(),
        )
      : undefined;
  const postgres =
    shared.databaseUrl && pgPart
      ? disposer.use(
          'postgres',
          pgPart.connectPostgres(shared.databaseUrl, shared.databaseSchema, logger, {
            max: shared.databasePoolMax,
            connectTimeoutMs: shared.databaseConnectTimeoutMs,
          }),
          (p) => p.close(),
        )
      : undefined;
  // The once-only lock: Redis across hosts when set, else the storage's own (lock files, advisory
  // locks). Its expiry is the longest the vendors that keep files in the vault ask for.
  const lockTtls = vendorModules().flatMap((m) => (m.vaultLockTtlMs ? [m.vaultLockTtlMs(settings)] : []));
  const lock =
    redis && redisPart && lockTtls.length > 0
      ? new redisPart.RedisLock(redis, { ttlMs: Math.max(...lockTtls), logger })
      : undefined;
  const vault: Vault =
    opts.vault ??
    (postgres && pgPart
      ? new pgPart.PgVault({
          pg: postgres,
          encryptionKey: settings.vault.encryptionKey,
          retentionMs: settings.vault.retentionMs,
          maxBytes: settings.vault.maxBytes,
          // The vendor's bytes land on local disk first: VAULT_DIR holds the spool, with its capacity rules.
          spoolDir: join(settings.vault.dir, 'pg-spool'),
          minFreeBytes: settings.vault.minFreeBytes,
          writeRetryMs: shared.databaseWriteRetryMs,
          lockWaitMs: shared.databaseLockWaitMs,
          lock,
          logger,
        })
      : new DirectoryVault({
          dir: settings.vault.dir,
          encryptionKey: settings.vault.encryptionKey,
          retentionMs: settings.vault.retentionMs,
          maxBytes: settings.vault.maxBytes,
          minFreeBytes: settings.vault.minFreeBytes,
          lock,
        }));
  disposer.defer('vault', () => vault.close?.());
  // Retention: sweep now and every hour; the timer never keeps the process alive.
  const sweep = () =>
    vault.sweep().then(
      (n) => n > 0 && logger.info('vault sweep', { removed: n }),
      (err: unknown) => logger.warn('vault sweep failed', { error: String(err) }),
    );
  const sweeper = disposer.use('vault:sweeper', setInterval(sweep, 60 * 60_000), clearInterval);
  sweeper.unref();
  // Prepared at start (PostgreSQL: migrations, one replica at a time; a directory: created).
  vault.migrate().then(
    () => postgres && logger.info('vault database ready', { schema: shared.databaseSchema }),
    (err: unknown) =>
      logger.error('vault not ready at start; retried on first use', {
        storage: postgres ? 'postgres' : 'directory',
        error: String(err),
      }),
  );
  const redisTiers = redis && redisPart?.createRedisTiers(redis, settings);
  const cache = VendorCache.fromSettings(
    settings.cache,
    (key) => vendorModules().find((m) => m.key === key)?.vendor,
    redisTiers?.cacheStore,
  );
  const responseCache = new ResponseCache(
    settings.cache.enabled && settings.cache.response ? settings.cache.responseMaxBytes : 0,
  );
  // Each vendor client registers its own disposal (once-only archives land in the vault first).
  const vendors = createVendorHandles(settings, opts.sandboxes ?? {}, {
    logger,
    vault,
    cache,
    redis: redisTiers,
    disposer,
  });
  const { auth } = settings;
  if (auth.mode === 'jwt' && (!auth.jwtAudience || !auth.jwtIssuer)) {
    logger.warn(
      'AUTH_MODE=jwt without JWT_AUDIENCE or JWT_ISSUER: tokens signed for any service or issuer are accepted',
      { audience: auth.jwtAudience ?? null, issuer: auth.jwtIssuer ?? null },
    );
  }
  // PUBLIC_URL, else the address the server listens on (known once it does): settings stay as given.
  let listenUrl: string | undefined;
  const publicUrl = () =>
    settings.publicUrlExplicit ? settings.publicUrl : (listenUrl ?? settings.publicUrl);
  const signer = new Signer({
    secret: settings.signingSecret,
    previous: settings.signingSecretPrevious,
    publicUrl,
    defaultExpiresIn: settings.downloadDefaultExpiresIn,
    maxExpiresIn: settings.downloadMaxExpiresIn,
  });
  const observability = createObservability(settings.observability, {
    vendors: () =>
      vendors
        .all()
        .flatMap((v) =>
          v.client ? [{ vendor: v.vendor, circuit: v.client.http.circuit.state, ...v.client.http.load }] : [],
        ),
    vaultUsage: () => vault.usage(),
    // The caches' counters, read at scrape time (hits, misses, stale, coalesced as metrics).
    cache: () => vendors.all().map((v) => ({ vendor: v.vendor, counters: cache.counters(v.vendor) })),
    responseCache: () => responseCache.counters,
  });
  observability.tracing = opts.tracing;
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
  if (observability.metrics) registerBuildInfo(observability.metrics.registry);
  if (redisTiers && redisPart) {
    redisPart.registerRedisReadiness(observability.readiness, redisTiers.redis);
    if (observability.metrics) redisPart.registerRedisMetrics(observability.metrics.registry, redisTiers);
  }
  const vaultUsers = vendorModules().filter((m) => m.usesVault);
  const vaultUsed = () => vaultUsers.some((m) => vendors.get(m).client);
  observability.readiness.criticalOnlyWhen(['vault'], vaultUsed);
  const vaultReadiness = async () => (vaultUsed() ? vault.health() : undefined);
  // The capacity check: a vault that cannot take a once-only archive now makes this replica unready.
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
    callerLimit: settings.observability.rateLimit
      ? new CallerRateLimiter(
          settings.observability.rateLimit.ratePerSecond,
          settings.observability.rateLimit.burst,
        )
      : undefined,
    shared: { redis, redisTiers, postgres },
    forwardingHeaders: forwardingHeaders(),
    disposer,
    publicUrl,
    listening(url) {
      listenUrl = url;
    },
    sweep: async () => {
      await sweep();
    },
    vaultReadiness,
    close: () => disposer.dispose(),
  };
}
