/**
 * The vendor-response cache (src/http/cache.ts), proved by counting vendor calls in the emulators'
 * request logs. TTLs are set short through settings; time passes for real (no fake clock).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseCacheControl } from '../../src/http/cache-control.js';
import { VendorCache } from '../../src/http/cache-policy.js';
import { MemoryStore } from '../../src/http/cache-store.js';
import { VendorHttp } from '../../src/http/vendor-http.js';
import { loadSettings } from '../../src/settings/load.js';
import { SEED_LISTING, SEED_PACKAGE } from '../../src/vendors/oracle/fixtures.js';
import type { OracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway, cacheHint as hint, until } from '../helpers.js';
import { TORQ } from '../../src/vendors/torq/ref.js';

/** These suites test the vendor tier alone: the whole-response cache above it has its own (response-cache.test.ts). */
const VENDOR_TIER = { RESPONSE_CACHE: 'off' };
const PAGE = '{ integrations(first: 2) { edges { node { id name } } } }';

describe('vendor-response cache', () => {
  it('serves repeated requests from the cache within the TTL and says so in extensions.cacheControl', async () => {
    await using gw = await startGateway({ ...VENDOR_TIER, CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const first = await gw.query(PAGE);
    const second = await gw.query(PAGE);
    expect(second.data).toEqual(first.data);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(hint(second)).toMatchObject({ stale: false });
    expect(hint(second)!.maxAge).toBeGreaterThan(50);
    expect(hint(second)!.maxAge).toBeLessThanOrEqual(60);
    expect(gw.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ hits: 1, misses: 1 });
  });

  it('CACHE=off keeps nothing; a vendor TTL of 0 keeps nothing for that vendor', async () => {
    await using off = await startGateway({ CACHE: 'off' });
    await off.query(PAGE);
    await off.query(PAGE);
    expect((off.sandboxes.torq?.server as TorqSandbox).calls('listIntegrations')).toHaveLength(2);
    await using zero = await startGateway({ ...VENDOR_TIER, CACHE: 'on', TORQ_CACHE_TTL_MS: '0' });
    const r = await zero.query(PAGE);
    await zero.query(PAGE);
    expect((zero.sandboxes.torq?.server as TorqSandbox).calls('listIntegrations')).toHaveLength(2);
    expect(hint(r)?.maxAge).toBe(0);
  });

  it('calls the vendor again once the TTL has passed', async () => {
    await using gw = await startGateway({
      ...VENDOR_TIER,
      CACHE: 'on',
      // Long enough for two queries on a loaded machine to land within it.
      TORQ_CACHE_TTL_MS: '1500',
      CACHE_STALE_MS: '0',
    });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    await gw.query(PAGE);
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    await sleep(1650);
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('stale-while-revalidate: serves the stale answer once and refreshes it in the background', async () => {
    await using gw = await startGateway({
      ...VENDOR_TIER,
      CACHE: 'on',
      TORQ_CACHE_TTL_MS: '300',
      CACHE_STALE_MS: '10000',
    });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const fresh = await gw.query(PAGE);
    await sleep(450);
    torq.setFault('listIntegrations', { latencyMs: 1_000 });
    const stale = await gw.query(PAGE);
    expect(stale.data).toEqual(fresh.data);
    expect(hint(stale)).toMatchObject({ stale: true, maxAge: 0 });
    // The answer went out without waiting for the (slow) refresh, which is still running.
    expect(gw.app.gateway.cache.refreshing.size).toBe(1);
    await until(
      () => gw.app.gateway.cache.refreshing.size === 0 && torq.calls('listIntegrations').length === 2,
    );
    const refreshed = await gw.query(PAGE);
    expect(hint(refreshed)).toMatchObject({ stale: false });
    expect(torq.calls('listIntegrations')).toHaveLength(2);
    expect(gw.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ misses: 1, stale: 1, hits: 1 });
  });

  it('a failing refresh keeps serving stale within the bound, then surfaces the error', async () => {
    await using gw = await startGateway({
      ...VENDOR_TIER,
      CACHE: 'on',
      TORQ_CACHE_TTL_MS: '300',
      CACHE_STALE_MS: '1200',
      TORQ_RETRIES: '0',
    });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const cache = gw.app.gateway.cache;
    const fresh = await gw.query(PAGE);
    const storedAt = Date.now();
    torq.setFault('listIntegrations', { status: 503 });
    await sleep(400);
    const stale1 = await gw.query(PAGE);
    expect(stale1.errors).toBeUndefined();
    expect(stale1.data).toEqual(fresh.data);
    await until(() => cache.counters(TORQ.vendor).refreshFailures === 1 && cache.refreshing.size === 0);
    const stale2 = await gw.query(PAGE);
    expect(stale2.errors).toBeUndefined();
    expect(hint(stale2)).toMatchObject({ stale: true });
    await until(() => cache.counters(TORQ.vendor).refreshFailures === 2 && cache.refreshing.size === 0);
    // Past TTL + CACHE_STALE_MS the entry is gone: the caller sees Torq's failure.
    await sleep(Math.max(0, storedAt + 300 + 1200 + 100 - Date.now()));
    const failed = await gw.query(PAGE);
    expect(codes(failed)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(torq.calls('listIntegrations')).toHaveLength(4);
  });

  it('refresh: true, a caller’s Cache-Control: no-cache and a mutation bypass the cache (and refill it)', async () => {
    await using gw = await startGateway({ ...VENDOR_TIER, CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    await gw.query(PAGE);
    await gw.query('{ integrations(first: 2, refresh: true) { edges { node { id } } } }');
    expect(torq.calls('listIntegrations')).toHaveLength(2);
    await gw.query('query ($r: Boolean) { integrations(first: 1, refresh: $r) { edges { cursor } } }', {
      r: true,
    });
    expect(torq.calls('listIntegrations')).toHaveLength(3);
    await gw.query(PAGE, undefined, { 'cache-control': 'no-cache' });
    expect(torq.calls('listIntegrations')).toHaveLength(4);
    // refresh: false and the plain query are served from the refilled entry.
    await gw.query('{ integrations(first: 2, refresh: false) { edges { node { id } } } }');
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(4);
  });

  it('caches Oracle package versions too (the bench query: Torq list + one Oracle package)', async () => {
    await using gw = await startGateway({ ...VENDOR_TIER, CACHE: 'on' });
    const oracle = gw.sandboxes.oracle?.server as OracleSandbox;
    const q = `{ packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { name } }`;
    const a = await gw.query(q);
    const b = await gw.query(q);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(oracle.calls('packageVersion')).toHaveLength(1);
  });
});

describe("vendor's Cache-Control", () => {
  it('parses the directives it acts on', () => {
    expect(parseCacheControl('private, max-age=30, stale-while-revalidate=5')).toMatchObject({
      private: true,
      maxAge: 30,
      staleWhileRevalidate: 5,
    });
    expect(parseCacheControl(['no-store', 'S-MAXAGE="10"'])).toMatchObject({ noStore: true, sMaxAge: 10 });
  });

  it('no-store / no-cache / max-age=0 / private keep nothing; max-age shortens the TTL', async () => {
    let calls = 0;
    let cacheControl = '';
    const server: Server = createServer((_req, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': cacheControl });
      res.end(JSON.stringify({ n: calls }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cache = new VendorCache({
      enabled: true,
      ttlMs: { [TORQ.vendor]: 60_000 },
      staleMs: 0,
      store: new MemoryStore(1024 ** 2),
    });
    const http = new VendorHttp({ vendor: TORQ.vendor, baseUrl, upstream: loadSettings({}).upstream, cache });
    const get = async (path: string) => (await http.json({ path, cache: true })).data;
    try {
      for (const [i, cc] of ['no-store', 'no-cache', 'max-age=0', 'private'].entries()) {
        cacheControl = cc;
        const path = `/p${i}`;
        const before = calls;
        await get(path);
        await get(path);
        expect(calls - before, cc).toBe(2);
      }
      cacheControl = 'public, max-age=1';
      const first = await get('/short');
      expect(await get('/short')).toEqual(first);
      await sleep(1_100);
      expect(await get('/short')).not.toEqual(first);
      cacheControl = '';
      await get('/plain');
      await get('/plain');
      expect(cache.counters(TORQ.vendor)).toMatchObject({ hits: 2 });
      // A call without a cache policy is never kept.
      const before = calls;
      await http.json({ path: '/policy-less' });
      await http.json({ path: '/policy-less' });
      expect(calls - before).toBe(2);
    } finally {
      await http.close();
      await new Promise((r) => server.close(r));
    }
  });

  it('bounds the store by bytes (least recently used go first)', () => {
    const store = new MemoryStore(1_000);
    const entry = (bytes: number) => ({
      read: { data: {}, headers: {}, bytes },
      storedAt: 0,
      freshUntil: Number.MAX_SAFE_INTEGER,
      staleUntil: Number.MAX_SAFE_INTEGER,
    });
    store.set('a', entry(400), 60_000);
    store.set('b', entry(400), 60_000);
    store.get('a');
    store.set('c', entry(400), 60_000);
    expect(store.get('a')).toBeDefined();
    expect(store.get('b')).toBeUndefined();
    expect(store.get('c')).toBeDefined();
    expect(store.size).toBeLessThanOrEqual(1_000);
  });
});
