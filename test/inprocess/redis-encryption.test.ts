/**
 * What the gateway keeps in Redis is encrypted: the shared tier of the vendor-response cache
 * holds Oracle answers whose secrets callers only see masked, and vendor tokens. Real Redis
 * (TEST_REDIS_URL), real gateways on the emulators, a private key prefix per test.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_PACKAGE } from '../../src/vendors/oracle/fixtures.js';
import type { OracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import { dropRedisPrefix, TEST_REDIS_URL, uniquePrefix } from '../fixtures/shared-state.js';
import { startGateway, until } from '../helpers.js';

const PACKAGE = `{ packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") {
  name actions { requestProperties { name value } } } }`;
/** The Oracle seed package's secret property value (masked for callers without secrets:read). */
const SECRET_VALUE = 'Welcome1';

const raw = new Redis(TEST_REDIS_URL, { lazyConnect: true });
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropRedisPrefix(p);
  raw.disconnect();
});

describe('Redis cache tier at rest', () => {
  it('stores vendor answers encrypted; another replica still reads them', async () => {
    const prefix = uniquePrefix('cache-enc');
    prefixes.push(prefix);
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      CACHE: 'on',
      ORACLE_CACHE_TTL_MS: '60000',
    };
    await using a = await startGateway(env);
    await until(() => a.app.gateway.shared.redis?.ready() === true);
    const first = await a.query(PACKAGE);
    expect(first.errors).toBeUndefined();
    const oracle = a.sandboxes.oracle?.server as OracleSandbox;
    expect(oracle.calls('packageVersion')).toHaveLength(1);

    // The Redis write may finish just after the answer.
    let keys: string[] = [];
    for (let i = 0; i < 100 && keys.length === 0; i++) {
      keys = await raw.keys(`${prefix}cache:*`);
      if (keys.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(keys.length).toBeGreaterThan(0);
    const stored = await Promise.all(keys.map(async (k) => (await raw.getBuffer(k)) ?? Buffer.alloc(0)));
    for (const value of stored) {
      const text = value.toString('latin1');
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain('KEY_PASSWORD');
      expect(text).not.toContain(SEED_LISTING);
    }

    // Replica B (same secret, same prefix) decrypts what A stored: no second Oracle call.
    await using b = await startGateway(env, { sandboxes: a.sandboxes });
    await until(() => b.app.gateway.shared.redis?.ready() === true);
    const second = await b.query(PACKAGE);
    expect(second.data).toEqual(first.data);
    expect(oracle.calls('packageVersion')).toHaveLength(1);
    expect(b.app.gateway.shared.redisTiers?.sharedCache?.counters.hits).toBe(1);
  });
});
