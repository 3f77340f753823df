/**
 * Shared state on Redis (REDIS_URL): replicas share the vendor-response cache, vendor
 * tokens (encrypted) and vendor rate limits; with Redis down they keep serving on local tiers.
 * Real Redis (TEST_REDIS_URL), real gateways (in this process, and real child processes), vendor
 * calls counted on the emulators. Each test uses its own REDIS_KEY_PREFIX and deletes its keys.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import type { LoggedRequest } from '../../src/sandbox/harness.js';
import { Secret } from '../../src/settings/secret.js';
import { connectRedis, type SharedRedis } from '../../src/shared/redis.js';
import { RedisCredentialStore, tokenEncryptionKey } from '../../src/shared/redis-token-store.js';
import { AKANA_FED, SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { AKANA_SANDBOX, startAkanaSandbox } from '../../src/vendors/akana/sandbox.js';
import { ORACLE_SANDBOX, startOracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import { ROMA_SANDBOX, startRomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { startTorqSandbox, TORQ_SANDBOX, type TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { type ChildGateway, startChildGateway } from '../fixtures/child-gateway.js';
import { TEST_REDIS_URL } from '../fixtures/shared-state.js';
import { type Env } from '../../src/settings/load.js';
import { startGateway, TEST_SIGNING_SECRET, type TestGateway, cacheHint as hint, until } from '../helpers.js';
import { TORQ } from '../../src/vendors/torq/ref.js';

const REDIS_URL = TEST_REDIS_URL;
const PAGE = '{ integrations(first: 2) { edges { node { id name } } } }';
/** A distinct Torq call per `i` (type_id differs), so nothing is coalesced or cached. */
const byType = (i: number) => `{ integrations(typeId: "type-${i}", first: 1) { edges { node { id } } } }`;

const raw = new Redis(REDIS_URL, { lazyConnect: true });
const prefixes: string[] = [];

function newPrefix(): string {
  const p = `test:h16a:${randomUUID()}:`;
  prefixes.push(p);
  return p;
}

async function keysUnder(prefix: string): Promise<string[]> {
  return raw.keys(`${prefix}*`);
}

/** The most vendor calls that arrived within any `windowMs` (the emulator's own clock). */
function maxInWindow(calls: LoggedRequest[], windowMs: number): number {
  const at = calls.map((c) => c.at).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

async function redisCheck(url: string): Promise<{ ok: boolean; critical: boolean } | undefined> {
  const report = (await (await fetch(`${url}/readyz`)).json()) as {
    checks: Record<string, { ok: boolean; critical: boolean }>;
  };
  return report.checks.redis;
}

async function untilRedisReady(url: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if ((await redisCheck(url))?.ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`redis not ready on ${url}`);
}

/** A second gateway on `a`'s emulators and the same settings; returns once both have Redis ready. */
async function secondReplica(a: TestGateway, env: Env): Promise<TestGateway> {
  const b = await startGateway(env, { sandboxes: a.sandboxes });
  try {
    await untilRedisReady(a.url);
    await untilRedisReady(b.url);
  } catch (err) {
    await b[Symbol.asyncDispose]();
    throw err;
  }
  return b;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

beforeAll(async () => {
  await raw.connect();
});
afterAll(async () => {
  for (const p of prefixes) {
    const keys = await keysUnder(p);
    if (keys.length > 0) await raw.del(...keys);
  }
  await raw.quit();
});

describe('vendor-response cache shared on Redis', () => {
  it('an answer fetched by one replica is a cache hit on another (one Torq call in all)', async () => {
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: newPrefix(),
      CACHE: 'on',
      TORQ_CACHE_TTL_MS: '60000',
    };
    await using a = await startGateway(env);
    await using b = await secondReplica(a, env);
    const torq = a.sandboxes.torq?.server as TorqSandbox;
    const first = await a.query(PAGE);
    expect(first.errors).toBeUndefined();
    expect(torq.calls('listIntegrations')).toHaveLength(1);

    const second = await b.query(PAGE);
    expect(second.data).toEqual(first.data);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(b.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ hits: 1, misses: 0 });
    expect(b.app.gateway.shared.redisTiers?.sharedCache?.counters.hits).toBe(1);
    // B now has it locally: the next read does not ask Redis again.
    await b.query(PAGE);
    expect(b.app.gateway.shared.redisTiers?.sharedCache?.counters.hits).toBe(1);
    expect(torq.calls('listIntegrations')).toHaveLength(1);

    // In Redis under a hashed key (no URL in clear), with the entry's lifetime as its TTL.
    const keys = (await keysUnder(env.REDIS_KEY_PREFIX)).filter((k) => k.includes(':cache:'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('integrations');
    const ttl = await raw.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(50_000);

    // /metrics says so.
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_shared_cache_hits_total 1$/m);
    expect(metrics).toMatch(/^gateway_redis_up 1$/m);
  });

  it('without REDIS_URL (or on another prefix) replicas share nothing: each calls the vendor', async () => {
    await using a = await startGateway({ CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' });
    await using b = await startGateway(
      { CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' },
      { sandboxes: a.sandboxes },
    );
    const torq = a.sandboxes.torq?.server as TorqSandbox;
    await a.query(PAGE);
    await b.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
    expect(b.app.gateway.shared.redis).toBeUndefined();

    const base = { REDIS_URL, CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' };
    await using c = await startGateway(
      { ...base, REDIS_KEY_PREFIX: newPrefix() },
      { sandboxes: a.sandboxes },
    );
    await using d = await startGateway(
      { ...base, REDIS_KEY_PREFIX: newPrefix() },
      { sandboxes: a.sandboxes },
    );
    await c.query(PAGE);
    await d.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(4);
  });

  it('deployments with different vendor credentials on one Redis and prefix never share answers', async () => {
    await using torq = await startTorqSandbox();
    const base = { REDIS_URL, REDIS_KEY_PREFIX: newPrefix(), CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' };
    const live = { TORQ_BASE_URL: torq.url, TORQ_AUTH_URL: `${torq.url}/v1/auth/token` };
    await using a = await startGateway({ ...base, ...live, TORQ_TOKEN: TORQ_SANDBOX.token });
    await using a2 = await startGateway({ ...base, ...live, TORQ_TOKEN: TORQ_SANDBOX.token });
    await using b = await startGateway({
      ...base,
      ...live,
      TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
      TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
    });
    for (const g of [a, a2, b]) await untilRedisReady(g.url);
    for (const g of [a, a2, b]) expect((await g.query(PAGE)).errors).toBeUndefined();
    // a2 has a's credential: a hit; b has another one: its own call.
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('answers above REDIS_CACHE_MAX_ENTRY_BYTES stay in the local tier only', async () => {
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: newPrefix(),
      CACHE: 'on',
      TORQ_CACHE_TTL_MS: '60000',
      REDIS_CACHE_MAX_ENTRY_BYTES: '64',
    };
    await using a = await startGateway(env);
    await using b = await secondReplica(a, env);
    const torq = a.sandboxes.torq?.server as TorqSandbox;
    await a.query(PAGE);
    await a.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(a.app.gateway.shared.redisTiers?.sharedCache?.counters.tooLarge).toBe(1);
    await b.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
    expect((await keysUnder(env.REDIS_KEY_PREFIX)).filter((k) => k.includes(':cache:'))).toEqual([]);
  });
});

describe('stale-while-revalidate across replicas', () => {
  it('a stale entry is served once and refreshed by one replica; the other then reads it fresh', async () => {
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: newPrefix(),
      CACHE: 'on',
      TORQ_CACHE_TTL_MS: '300',
      CACHE_STALE_MS: '10000',
    };
    await using a = await startGateway(env);
    await using b = await secondReplica(a, env);
    const torq = a.sandboxes.torq?.server as TorqSandbox;
    const fresh = await a.query(PAGE);
    await sleep(450);
    // B never had it: Redis's stale copy is served at once, and B refreshes it in the background.
    const stale = await b.query(PAGE);
    expect(stale.data).toEqual(fresh.data);
    expect(hint(stale)).toMatchObject({ stale: true });
    await until(
      () => b.app.gateway.cache.refreshing.size === 0 && torq.calls('listIntegrations').length === 2,
    );
    // A's own copy is stale, but B's refresh is in Redis: fresh, no call, no refresh of its own.
    const again = await a.query(PAGE);
    expect(hint(again)).toMatchObject({ stale: false });
    expect(a.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ misses: 1, hits: 1, stale: 0 });
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });
});

describe('vendor tokens shared by replicas', () => {
  it('Oracle authenticate, Akana login and Huawei IAM happen once for two replicas', async () => {
    await using oracle = await startOracleSandbox();
    await using akana = await startAkanaSandbox();
    await using roma = await startRomaSandbox();
    roma.jobMs = 0;
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: newPrefix(),
      ORACLE_MARKETPLACE_BASE_URL: oracle.url,
      ORACLE_USER_ID: ORACLE_SANDBOX.userId,
      ORACLE_CLIENT_ID: ORACLE_SANDBOX.clientId,
      ORACLE_CLIENT_SECRET: ORACLE_SANDBOX.clientSecret,
      AKANA_BASE_URL: akana.url,
      AKANA_FED_MEMBER_ID: AKANA_FED,
      AKANA_EMAIL: AKANA_SANDBOX.email,
      AKANA_PASSWORD: AKANA_SANDBOX.password,
      ROMA_BASE_URL: roma.url,
      ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
      ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
      HUAWEI_IAM_URL: roma.url,
      HUAWEI_IAM_USER: ROMA_SANDBOX.iamUser,
      HUAWEI_IAM_PASSWORD: ROMA_SANDBOX.iamPassword,
      HUAWEI_IAM_DOMAIN: ROMA_SANDBOX.iamDomain,
    };
    await using a = await startGateway(env);
    await using b = await startGateway(env);
    await untilRedisReady(a.url);
    await untilRedisReady(b.url);
    const ask = (g: typeof a) => [
      g.query('{ packageVersion(listingVersionId: "2200000", packageVersionId: "3100000") { id } }'),
      g.query(`{ appVersionExport(appVersionId: "${SEED_APP_VERSION}") { id } }`),
      g.query('mutation { exportAssets(input: { appIds: ["a1"] }) { jobId } }'),
    ];
    // Both replicas at once, then each again.
    for (const res of await Promise.all([...ask(a), ...ask(b)])) expect(res.errors).toBeUndefined();
    for (const res of await Promise.all([...ask(b), ...ask(a)])) expect(res.errors).toBeUndefined();
    expect(oracle.calls('authenticate')).toHaveLength(1);
    expect(akana.calls('login')).toHaveLength(1);
    expect(roma.calls('iamToken')).toHaveLength(1);
    const slots = (await keysUnder(env.REDIS_KEY_PREFIX)).filter((k) => /:token:\w+:[^:]+$/.test(k));
    expect(slots.map((k) => k.split(':token:')[1]!.split(':')[0]).sort()).toEqual([
      'akana',
      'oracle',
      'roma',
    ]);
    for (const slot of slots) {
      const stored = (await raw.get(slot))!;
      for (const secret of [ORACLE_SANDBOX.clientSecret, AKANA_SANDBOX.password, ROMA_SANDBOX.iamPassword])
        expect(stored).not.toContain(secret);
    }
  });
});

describe('three replica processes on one Redis', () => {
  let torq: TorqSandbox;
  let prefix: string;
  let replicas: ChildGateway[] = [];

  beforeAll(async () => {
    torq = await startTorqSandbox();
    prefix = newPrefix();
    replicas = await Promise.all(
      [0, 1, 2].map(() =>
        startChildGateway({
          REDIS_URL,
          REDIS_KEY_PREFIX: prefix,
          TORQ_BASE_URL: torq.url,
          TORQ_AUTH_URL: `${torq.url}/v1/auth/token`,
          TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
          TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
          TORQ_MAX_RPS: '10',
          CACHE: 'off',
          REQUEST_TIMEOUT_MS: '60000',
          LOG_LEVEL: 'warn',
        }),
      ),
    );
    // Each replica's Redis connection is up (until then a replica uses its local tiers).
    for (const r of replicas) await untilRedisReady(r.url);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await torq?.close();
  });

  it('a Torq token is fetched once for all replicas and kept encrypted in Redis', async () => {
    const results = await Promise.all(replicas.flatMap((r) => [r.query(PAGE), r.query(PAGE)]));
    for (const res of results) expect(res.errors).toBeUndefined();
    expect(torq.calls('token')).toHaveLength(1);
    const [token] = [...torq.issued.keys()];
    expect(token).toMatch(/^torq-issued-/);
    // Every replica sent that one token.
    for (const call of torq.calls('listIntegrations'))
      expect(call.headers.authorization).toBe(`Bearer ${token}`);

    const slots = (await keysUnder(prefix)).filter((k) => k.includes(':token:torq:'));
    expect(slots).toHaveLength(1);
    const stored = (await raw.get(slots[0]!))!;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(Buffer.from(token!).toString('base64'));
    expect(slots[0]).not.toContain(TORQ_SANDBOX.clientId);

    // Torq revokes it: the replica that meets the 401 renews it once, for everyone.
    torq.issued.clear();
    for (const r of replicas) expect((await r.query(PAGE)).errors).toBeUndefined();
    expect(torq.calls('token')).toHaveLength(2);
  }, 60_000);

  it('TORQ_MAX_RPS holds for the three together: 45 calls are spread over ≥ 4.4 s less jitter', async () => {
    torq.resetLog();
    // 3 × 15 distinct calls at once: alone, each replica would send 10 in the first second (30).
    const results = await Promise.all(
      replicas.flatMap((r, n) => Array.from({ length: 15 }, (_, i) => r.query(byType(n * 100 + i)))),
    );
    for (const res of results) expect(res.errors).toBeUndefined();
    const calls = torq.calls('listIntegrations');
    expect(calls).toHaveLength(45);
    // Starts are spaced 100 ms apart on Redis's clock. The emulator sees them after a trip through
    // a loaded machine: a delay that varies (up to ~150 ms seen under the full suite) can bunch a
    // few at a window's edge, so the peak gets a margin of jitter, while the span of all 45 at
    // the emulator can only grow with load (44 intervals = 4.4 s, less the jitter of two calls).
    // Without the shared rate: 30 in the first second, all 45 within about half a second.
    expect(maxInWindow(calls, 1_000)).toBeLessThanOrEqual(15);
    const at = calls.map((c) => c.at);
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(3_400);
  }, 60_000);
});

describe('without the shared rate', () => {
  it('control: replicas without Redis each keep only their own rate (together more than 10 a second)', async () => {
    await using torq = await startTorqSandbox();
    const env = { TORQ_BASE_URL: torq.url, TORQ_TOKEN: TORQ_SANDBOX.token, TORQ_MAX_RPS: '10', CACHE: 'off' };
    await using a = await startGateway(env);
    await using b = await startGateway(env);
    await using c = await startGateway(env);
    const results = await Promise.all(
      [a, b, c].flatMap((g, n) => Array.from({ length: 10 }, (_, i) => g.query(byType(n * 100 + i)))),
    );
    for (const res of results) expect(res.errors).toBeUndefined();
    // Each replica's bucket lets its first 10 go at once: the bound of the shared test fails here.
    expect(maxInWindow(torq.calls('listIntegrations'), 1_000)).toBeGreaterThan(15);
  });
});

describe('Redis down', () => {
  it('queries still succeed on local tiers; /readyz names redis as down but stays ready', async () => {
    await using torq = await startTorqSandbox();
    await using gw = await startGateway({
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      REDIS_KEY_PREFIX: newPrefix(),
      CACHE: 'on',
      // The vendor tier is what is counted here, not the whole-response cache in front of it.
      RESPONSE_CACHE: 'off',
      TORQ_CACHE_TTL_MS: '60000',
      TORQ_BASE_URL: torq.url,
      TORQ_AUTH_URL: `${torq.url}/v1/auth/token`,
      TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
      TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
      TORQ_MAX_RPS: '5',
    });
    // A token, a cached answer, and the local rate, all without Redis.
    const first = await Promise.all([gw.query(PAGE), gw.query(PAGE)]);
    for (const res of first) expect(res.errors).toBeUndefined();
    expect((await gw.query(PAGE)).data).toEqual(first[0]!.data);
    expect(torq.calls('token')).toHaveLength(1);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(gw.app.gateway.cache.counters(TORQ.vendor).hits).toBeGreaterThanOrEqual(1);

    // Each replica alone keeps the rate with its local bucket (5 at once, then 5 a second: 10 in
    // a second, plus a margin for arrival jitter); 20 calls at once would all arrive together
    // without it.
    torq.resetLog();
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => gw.query(byType(i))));
    for (const res of many) expect(res.errors).toBeUndefined();
    expect(maxInWindow(torq.calls('listIntegrations'), 1_000)).toBeLessThanOrEqual(14);

    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; critical: boolean }>;
    };
    expect(report.status).toBe('degraded');
    expect(report.checks.redis).toMatchObject({ ok: false, critical: false });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_redis_up 0$/m);
  });

  it('/readyz reports redis up when it is', async () => {
    await using gw = await startGateway({ REDIS_URL, REDIS_KEY_PREFIX: newPrefix() });
    const redis = gw.app.gateway.shared.redis!;
    for (let i = 0; i < 100 && !redis.ready(); i++) await new Promise((r) => setTimeout(r, 20));
    const report = (await (await fetch(`${gw.url}/readyz`)).json()) as {
      checks: Record<string, { ok: boolean }>;
    };
    expect(report.checks.redis).toMatchObject({ ok: true, critical: false });
  });
});

describe('encrypted vendor-token store', () => {
  let redis: SharedRedis;
  beforeAll(async () => {
    redis = connectRedis(
      new Secret(REDIS_URL),
      newPrefix(),
      createLogger('error', () => undefined),
    );
    for (let i = 0; i < 100 && !redis.ready(); i++) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await redis.close();
  });
  const key = tokenEncryptionKey(undefined, new Secret(TEST_SIGNING_SECRET));

  it('reads back what it wrote; another key or another identity reads nothing', async () => {
    const store = new RedisCredentialStore(redis, key, 'torq', ['x', 'client-a']);
    await store.write({ value: 'secret-token-1', expiresAt: Date.now() + 60_000 });
    expect(await store.read()).toMatchObject({ value: 'secret-token-1' });
    const rawValue = (await raw.get(`${redis.prefix}${store.slot}`))!;
    expect(rawValue).not.toContain('secret-token-1');
    expect(await raw.pttl(`${redis.prefix}${store.slot}`)).toBeGreaterThan(50_000);

    const otherKey = tokenEncryptionKey(undefined, new Secret('another-signing-secret-0123456789abcdef'));
    expect(await new RedisCredentialStore(redis, otherKey, 'torq', ['x', 'client-a']).read()).toBeUndefined();
    expect(await new RedisCredentialStore(redis, key, 'torq', ['x', 'client-b']).read()).toBeUndefined();
  });

  it('drop removes the value only while it is the one refused; the lock has one holder', async () => {
    const store = new RedisCredentialStore(redis, key, 'oracle', ['y']);
    await store.write({ value: 'token-new', expiresAt: Number.POSITIVE_INFINITY });
    await store.drop('token-old');
    expect((await store.read())?.value).toBe('token-new');
    await store.drop('token-new');
    expect(await store.read()).toBeUndefined();

    const release = await store.lock();
    expect(release).toBeTypeOf('function');
    expect(await store.lock()).toBeUndefined();
    await release!();
    const again = await store.lock();
    expect(again).toBeTypeOf('function');
    await again!();
  });
});
