/**
 * A failing vendor is not hammered (src/http/coalesce.ts, CACHE_FAILURE_TTL_MS): callers waiting
 * on a call that fails share its failure, and the failure is answered again per key for a short
 * while without a vendor call. Vendor calls are counted at the emulator.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway } from '../helpers.js';
import { TORQ } from '../../src/vendors/torq/ref.js';

const PAGE = '{ integrations(first: 3) { edges { node { id } } } }';
const SLACK = '{ integrations(first: 3, typeId: "slack") { edges { node { id } } } }';

describe('failure memory', () => {
  it('50 concurrent callers of a failing key cost one vendor call; the next 50 cost none', async () => {
    await using gw = await startGateway({ CACHE_FAILURE_TTL_MS: '60000', UPSTREAM_RETRIES: '0' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    // Slow enough that the callers overlap while the first call is in flight.
    torq.setFault('listIntegrations', { status: 503, latencyMs: 300 });
    const first = await Promise.all(Array.from({ length: 50 }, () => gw.query(PAGE)));
    for (const r of first) expect(codes(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(torq.calls('listIntegrations')).toHaveLength(1);

    const again = await Promise.all(Array.from({ length: 50 }, () => gw.query(PAGE)));
    for (const r of again) expect(codes(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    // Each of the 99 others either joined the call in flight or got its remembered failure.
    const { coalesced, failuresReplayed } = gw.app.gateway.cache.counters(TORQ.vendor);
    expect(coalesced + failuresReplayed).toBe(99);
    expect(failuresReplayed).toBeGreaterThanOrEqual(50);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toContain(`gateway_cache_failures_replayed_total{vendor="TORQ"} ${failuresReplayed}`);

    // Per key: another type_id is another call.
    expect(codes(await gw.query(SLACK))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('50 callers asking in a loop cost at most 2 vendor calls per second', async () => {
    // Default retries (2) included: one failing call is 3 attempts, once per 2 s here.
    await using gw = await startGateway({ CACHE_FAILURE_TTL_MS: '2000' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 503 });
    const started = performance.now();
    let answers = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() - started < 3_000) {
          expect(codes(await gw.query(PAGE))).toEqual(['UPSTREAM_UNAVAILABLE']);
          answers++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const calls = torq.calls('listIntegrations').length;
    // A bound on calls per elapsed second: a slower machine only makes fewer calls.
    expect(calls).toBeLessThanOrEqual(Math.ceil(2 * seconds));
    expect(answers).toBeGreaterThan(50);
  });

  it('a refused credential is never remembered: the next call goes to the vendor', async () => {
    await using gw = await startGateway({ CACHE_FAILURE_TTL_MS: '60000', UPSTREAM_RETRIES: '0' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 401, times: 1 });
    expect(codes(await gw.query(PAGE))).toEqual(['UPSTREAM_UNAUTHENTICATED']);
    const r = await gw.query(PAGE);
    expect(r.errors).toBeUndefined();
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('a failure is answered again only for its lifetime', async () => {
    await using gw = await startGateway({ CACHE_FAILURE_TTL_MS: '200', UPSTREAM_RETRIES: '0' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 500, times: 1 });
    expect(codes(await gw.query(PAGE))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(codes(await gw.query(PAGE))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    await sleep(250);
    expect((await gw.query(PAGE)).errors).toBeUndefined();
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });
});
