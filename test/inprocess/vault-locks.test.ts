/**
 * The once-only locks against real servers: the Redis lock (exclusive, fences that only grow,
 * renewal while held, release only by its holder, refusal when Redis is unreachable) and the
 * PostgreSQL advisory lock of a vault without Redis. Each test has its own key prefix / schema.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PgAdvisoryLock } from '../../src/downloads/pg-lock.js';
import { RedisLock } from '../../src/downloads/redis-lock.js';
import { type LockLease, LockUnavailableError } from '../../src/downloads/vault-lock.js';
import { DirectoryVault } from '../../src/downloads/directory-vault.js';
import { FencedError } from '../../src/downloads/vault.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Secret } from '../../src/settings/load.js';
import { connectRedis, type SharedRedis } from '../../src/shared/redis.js';
import { connectPostgres } from '../../src/shared/postgres.js';
import { startTcpProxy, viaProxy } from '../fixtures/tcp-proxy.js';
import {
  dropRedisPrefix,
  sharedPg,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniquePrefix,
  uniqueSchema,
} from '../fixtures/shared-state.js';
import { cleanupAfterEach } from '../fixtures/cleanup.js';

const cleanup = cleanupAfterEach();

function redis(url = TEST_REDIS_URL): SharedRedis {
  const prefix = uniquePrefix('lock');
  const r = connectRedis(new Secret(url), prefix, silentLogger);
  cleanup.push(
    () => r.close(),
    () => dropRedisPrefix(prefix),
  );
  return r;
}
const lockKey = (key: string) => `vault:lock:${createHash('sha256').update(key).digest('hex')}`;

/** `p`, and whether it has settled yet. */
function tracked(p: Promise<LockLease>) {
  let settled = false;
  void p.then(() => (settled = true));
  return { p, settled: () => settled };
}

describe('RedisLock', () => {
  it('is exclusive: the second waits until the first releases, and gets a larger fence', async () => {
    const r = redis();
    const a = new RedisLock(r, { ttlMs: 10_000 });
    const b = new RedisLock(r, { ttlMs: 10_000 });
    const first = await a.acquire('roma/x');
    const second = tracked(b.acquire('roma/x'));
    await sleep(300); // several polls of the waiter
    expect(second.settled()).toBe(false);
    const other = await b.acquire('roma/other'); // other keys are not blocked
    await other.release();
    await first.release();
    const got = await second.p;
    expect(got.fence).toBeGreaterThan(first.fence ?? Infinity);
    await got.release();
    expect(await r.client.exists(lockKey('roma/x'))).toBe(0);
  });

  it('renews its expiry while held, and a holder whose lock expired cannot release its successor', async () => {
    const r = redis();
    const lease = await new RedisLock(r, { ttlMs: 1_000 }).acquire('k');
    await sleep(2_500); // well past the expiry: only renewal keeps it
    expect(await r.client.exists(lockKey('k'))).toBe(1);
    await r.client.del(lockKey('k')); // as if it had expired (a long pause)
    const successor = await new RedisLock(r, { ttlMs: 10_000 }).acquire('k');
    await lease.release(); // compare-and-delete: not its token any more
    expect(await r.client.exists(lockKey('k'))).toBe(1);
    await successor.release();
    expect(await r.client.exists(lockKey('k'))).toBe(0);
  });

  it('refuses with LockUnavailableError when Redis cannot be reached', async () => {
    const r = redis('redis://127.0.0.1:1');
    await expect(new RedisLock(r, { ttlMs: 1_000 }).acquire('k')).rejects.toBeInstanceOf(
      LockUnavailableError,
    );
  });
});

/** A pool whose connections go through a TCP proxy in front of the real PostgreSQL. */
async function proxiedPg() {
  const u = new URL(TEST_DATABASE_URL);
  const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  const pg = connectPostgres(new Secret(viaProxy(TEST_DATABASE_URL, proxy)), 'public', silentLogger);
  cleanup.push(
    () => proxy.close(),
    () => pg.close(),
  );
  return { proxy, pg };
}

describe('PgAdvisoryLock (a PostgreSQL vault without Redis)', () => {
  it('is exclusive across connections, and released with its session', async () => {
    const pg = sharedPg(uniqueSchema('adv'));
    cleanup.push(() => pg.close());
    const lock = new PgAdvisoryLock(pg.pool);
    const first = await lock.acquire(`k-${Math.random()}`);
    const key2 = `k-${Math.random()}`;
    const a = await lock.acquire(key2);
    const b = tracked(lock.acquire(key2));
    await sleep(300);
    expect(b.settled()).toBe(false);
    await a.release();
    await (await b.p).release();
    await first.release();
    expect(pg.pool.totalCount).toBeLessThanOrEqual(1); // the locks never held the pool's connections
  });

  it('excludes another replica (its own lock session) until released', async () => {
    const a = sharedPg(uniqueSchema('adv2'));
    const b = sharedPg(uniqueSchema('adv2'));
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    const key = `k-${Math.random()}`;
    const mine = await new PgAdvisoryLock(a.pool).acquire(key);
    const theirs = tracked(new PgAdvisoryLock(b.pool).acquire(key));
    await sleep(300);
    expect(theirs.settled()).toBe(false);
    await mine.release();
    await (await theirs.p).release();
  });

  it('holds 40 locks at once on one connection, and gives up after its wait (LockUnavailableError)', async () => {
    const { proxy, pg } = await proxiedPg();
    const lock = new PgAdvisoryLock(pg.pool, { waitMs: 600 });
    const keys = Array.from({ length: 40 }, (_, i) => `k-${i}-${Math.random()}`);
    const leases = await Promise.all(keys.map((k) => lock.acquire(k)));
    expect(proxy.maxOpen).toBe(1);
    // Another replica waits for one of them, for its DATABASE_LOCK_WAIT only.
    const other = connectPostgres(new Secret(TEST_DATABASE_URL), 'public', silentLogger);
    cleanup.push(() => other.close());
    const started = Date.now();
    await expect(new PgAdvisoryLock(other.pool, { waitMs: 600 }).acquire(keys[0]!)).rejects.toBeInstanceOf(
      LockUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    await Promise.all(leases.map((l) => l.release()));
  });

  it('survives its session being cut: the next acquire opens a new one', async () => {
    const { proxy, pg } = await proxiedPg();
    const lock = new PgAdvisoryLock(pg.pool, { waitMs: 5_000 });
    const held = await lock.acquire(`k-${Math.random()}`);
    expect(proxy.cut()).toBe(1);
    await sleep(100);
    const next = await lock.acquire(`k-${Math.random()}`);
    await next.release();
    await held.release();
  });
});

describe('DirectoryVault with a fenced lock (a shared directory and REDIS_URL)', () => {
  it('refuses marks and commits of a holder fenced off by a later one, and keeps the later one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-fence-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const v = new DirectoryVault({ dir, retentionMs: 86_400_000, maxBytes: 1e9 });
    const input = { contentType: 'application/zip', fileName: 'a.zip' };
    await v.mark('k', 'taking', undefined, 5);
    await expect(v.mark('k', 'receiving', undefined, 4)).rejects.toBeInstanceOf(FencedError);
    await expect(v.putStream('k', Readable.from([randomBytes(1000)]), input, 4)).rejects.toBeInstanceOf(
      FencedError,
    );
    expect(await v.get('k')).toBeUndefined();
    expect(await v.readMark('k')).toMatchObject({ state: 'taking' });
    const data = randomBytes(1000);
    await v.putStream('k', Readable.from([data]), input, 6);
    expect((await buffer((await v.get('k'))!.open())).equals(data)).toBe(true);
  });
});
