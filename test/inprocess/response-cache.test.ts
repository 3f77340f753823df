/**
 * The whole-response cache (src/http/response-cache.ts) over the vendor-response cache, with the
 * defaults a deployment gets (CACHE=on): proved by counting vendor calls in the emulators' logs
 * and the caches' own counters. Time passes for real (short TTLs through settings).
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/graphql/context.js';
import { openCacheScope } from '../../src/http/cache-scope.js';
import { signedDownload } from '../../src/schema/downloads.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { SEED_LISTING, SEED_PACKAGE } from '../../src/vendors/oracle/fixtures.js';
import type { OracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway, cacheHint as hint } from '../helpers.js';
import { TORQ } from '../../src/vendors/torq/ref.js';

const PAGE = '{ integrations(first: 2) { edges { node { id name } } } }';
const PACKAGE = `{ packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { name } }`;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('whole-response cache', () => {
  it('serves a repeated query whole: no vendor read, the same data, a cacheControl hint', async () => {
    await using gw = await startGateway({ CACHE: 'on', TORQ_CACHE_TTL_MS: '60000' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const first = await gw.query(PAGE);
    const second = await gw.query(PAGE);
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    // The second answer never reached the vendor-response cache: it was served whole.
    expect(gw.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ hits: 0, misses: 1 });
    expect(gw.app.gateway.responseCache.counters).toEqual({ hits: 1, misses: 1, stored: 1 });
    expect(hint(second)).toMatchObject({ stale: false });
    expect(hint(second)!.maxAge).toBeGreaterThan(50);
    expect(hint(second)!.maxAge).toBeLessThanOrEqual(60);
  });

  it('N concurrent identical requests make one vendor call; later ones are served whole', async () => {
    await using gw = await startGateway({ CACHE: 'on' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const oracle = gw.sandboxes.oracle?.server as OracleSandbox;
    torq.setFault('listIntegrations', { latencyMs: 200 });
    const q = `{ integrations(first: 3) { edges { cursor } } ${PACKAGE.slice(1, -1)} }`;
    const wave = await Promise.all(Array.from({ length: 12 }, () => gw.query(q)));
    for (const r of wave) expect(r.errors).toBeUndefined();
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(oracle.calls('packageVersion')).toHaveLength(1);
    torq.clearFaults();
    await Promise.all(Array.from({ length: 12 }, () => gw.query(q)));
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(gw.app.gateway.responseCache.counters.hits).toBeGreaterThanOrEqual(12);
  });

  it('never serves one API key’s answer to another, nor across scopes', async () => {
    const keys = {
      narrow: 'vg_rc_narrow_0123456789abcdef0123',
      wide: 'vg_rc_wide_0123456789abcdef012345',
      twin: 'vg_rc_twin_0123456789abcdef012345',
    };
    await using gw = await startGateway({
      CACHE: 'on',
      AUTH_MODE: 'api-key',
      API_KEYS: [
        `narrow:${sha(keys.narrow)}:torq:read`,
        `wide:${sha(keys.wide)}:torq:read,oracle:read`,
        `twin:${sha(keys.twin)}:torq:read,oracle:read`,
      ].join(';'),
    });
    const oracle = gw.sandboxes.oracle?.server as OracleSandbox;
    const as = (k: string) => gw.query(PACKAGE, {}, { 'x-api-key': k });
    // The narrow key may not read Oracle: refused before any call, and such an answer is not kept.
    expect(codes(await as(keys.narrow))).toEqual(['FORBIDDEN']);
    const wide = await as(keys.wide);
    expect(wide.errors).toBeUndefined();
    // The wide key's answer is now cached; the narrow key is still refused, never handed it.
    expect(codes(await as(keys.narrow))).toEqual(['FORBIDDEN']);
    // A key with the same scopes is another identity: its own entry (the vendor answer is shared:
    // both use the gateway's own Oracle credential).
    expect((await as(keys.twin)).data).toEqual(wide.data);
    expect(gw.app.gateway.responseCache.counters).toMatchObject({ hits: 0, stored: 2 });
    expect((await as(keys.wide)).data).toEqual(wide.data);
    expect((await as(keys.twin)).data).toEqual(wide.data);
    expect(gw.app.gateway.responseCache.counters.hits).toBe(2);
    expect(oracle.calls('packageVersion')).toHaveLength(1);
    // An unknown key is refused as ever, whatever is cached.
    expect((await as('vg_rc_unknown_0123456789abcdef0')).status).toBe(401);
  });

  it('lives no longer than the vendor answers in it: after the TTL, a new vendor call', async () => {
    await using gw = await startGateway({ CACHE: 'on', TORQ_CACHE_TTL_MS: '300', CACHE_STALE_MS: '0' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    await gw.query(PAGE);
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(gw.app.gateway.responseCache.counters.hits).toBe(1);
    await sleep(450);
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('is not kept when an answer was served stale, so the refreshed one is seen next', async () => {
    await using gw = await startGateway({ CACHE: 'on', TORQ_CACHE_TTL_MS: '300', CACHE_STALE_MS: '10000' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    await gw.query(PAGE);
    await sleep(450);
    const stale = await gw.query(PAGE);
    expect(hint(stale)).toMatchObject({ stale: true, maxAge: 0 });
    const c = gw.app.gateway.responseCache.counters;
    expect(c.stored).toBe(1); // the first answer only
    for (let i = 0; i < 100 && torq.calls('listIntegrations').length < 2; i++) await sleep(20);
    const refreshed = await gw.query(PAGE);
    expect(hint(refreshed)).toMatchObject({ stale: false });
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('refresh: true and Cache-Control: no-cache bypass it; answers with errors are not kept', async () => {
    await using gw = await startGateway({ CACHE: 'on', TORQ_CACHE_TTL_MS: '60000', TORQ_RETRIES: '0' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 503 });
    expect(codes(await gw.query(PAGE))).toEqual(['UPSTREAM_UNAVAILABLE']);
    torq.clearFaults();
    expect((await gw.query(PAGE)).errors).toBeUndefined(); // the failure was not kept
    expect(torq.calls('listIntegrations')).toHaveLength(2);
    await gw.query(PAGE, undefined, { 'cache-control': 'no-cache' });
    expect(torq.calls('listIntegrations')).toHaveLength(3);
    const refresh = '{ integrations(first: 2, refresh: true) { edges { node { id name } } } }';
    await gw.query(refresh);
    await gw.query(refresh);
    expect(torq.calls('listIntegrations')).toHaveLength(5);
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(5);
  });

  it('never keeps an answer holding a signed download URL', async () => {
    await using gw = await startGateway({ CACHE: 'on' });
    const [v] = googleFixtures();
    const q = `{ integrations(first: 1) { edges { cursor } } integrationVersion(name: "${v?.name}") { download { url expiresAt } } }`;
    const a = await gw.query(q);
    const b = await gw.query(q);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(gw.app.gateway.responseCache.counters).toMatchObject({ hits: 0, stored: 0 });
    // Signing a link marks the request's answer as not to be kept, whatever else it read.
    const signal = new AbortController().signal;
    const scope = openCacheScope(signal, false);
    const ctx = {
      gateway: gw.app.gateway,
      signal,
      principal: { id: 'anonymous', scopes: new Set(), anonymous: true },
    };
    signedDownload(ctx as unknown as Context, 'google', { name: 'x' });
    expect(scope.uncacheable).toBe(true);
  });

  it('RESPONSE_CACHE=off turns it off; metrics count hits and misses', async () => {
    await using off = await startGateway({ CACHE: 'on', RESPONSE_CACHE: 'off' });
    await off.query(PAGE);
    await off.query(PAGE);
    expect(off.app.gateway.responseCache.counters).toEqual({ hits: 0, misses: 0, stored: 0 });
    expect(off.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ hits: 1, misses: 1 });
    await using on = await startGateway({ CACHE: 'on' });
    await on.query(PAGE);
    await on.query(PAGE);
    const text = await (await fetch(`${on.url}/metrics`)).text();
    expect(text).toMatch(/^gateway_response_cache_hits_total 1$/m);
    expect(text).toMatch(/^gateway_response_cache_misses_total 1$/m);
    expect(text).toMatch(/^gateway_response_cache_stored_total 1$/m);
  });

  it('a hit still passes the per-caller rate limit', async () => {
    const key = 'vg_rc_limited_0123456789abcdef01';
    await using gw = await startGateway({
      CACHE: 'on',
      AUTH_MODE: 'api-key',
      API_KEYS: `a:${sha(key)}:torq:read`,
      RATE_LIMIT_RPS: '1',
      RATE_LIMIT_BURST: '2',
    });
    const as = () => gw.query(PAGE, {}, { 'x-api-key': key });
    expect((await as()).errors).toBeUndefined();
    expect((await as()).errors).toBeUndefined();
    const limited = await as();
    expect(limited.status).toBe(429);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
  });

  it('a hit carrying unmasked secrets writes the same audit lines as executing it did', async () => {
    const key = 'vg_rc_secrets_0123456789abcdef0123';
    await using gw = await startGateway({
      CACHE: 'on',
      AUTH_MODE: 'api-key',
      API_KEYS: `auditor:${sha(key)}:oracle:read,secrets:read`,
    });
    const q = `{ packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") {
      actions { requestProperties { name value } } } }`;
    const unmasks = () => gw.logs.filter((l) => l.includes('"audit":"oracle.unmask"'));
    const first = await gw.query(q, {}, { 'x-api-key': key });
    expect(first.errors).toBeUndefined();
    expect(JSON.stringify(first.data)).toContain('Welcome1');
    const perAnswer = unmasks().length;
    expect(perAnswer).toBeGreaterThan(0);
    for (let i = 0; i < 9; i++)
      expect((await gw.query(q, {}, { 'x-api-key': key })).data).toEqual(first.data);
    expect(gw.app.gateway.responseCache.counters.hits).toBe(9);
    const lines = unmasks();
    expect(lines).toHaveLength(10 * perAnswer);
    // Each names the caller and the property, like the executed ones.
    for (const l of lines) expect(l).toContain('"caller":"key:auditor"');
    expect(lines.filter((l) => l.includes('"property":"KEY_PASSWORD"'))).toHaveLength(10);
  });
});
