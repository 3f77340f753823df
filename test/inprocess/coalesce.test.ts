/**
 * Coalescing (src/http/coalesce.ts): identical vendor GETs in flight at once, from different
 * GraphQL requests with the same credential identity, share one vendor call — counted in the
 * emulators' request logs. The cache is off here (test gateways default to CACHE=off), so every
 * shared call below is coalescing alone.
 */
import { TORQ } from '../../src/vendors/torq/ref.js';
import { ROMA } from '../../src/vendors/roma/ref.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway } from '../helpers.js';

const PAGE = '{ integrations(first: 3) { edges { node { id name } } } }';

describe('coalescing identical vendor calls across requests', () => {
  it('N concurrent identical requests make 1 vendor call, and every caller gets the answer', async () => {
    await using gw = await startGateway();
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    // Torq is slow enough that the requests overlap while the first call is in flight.
    torq.setFault('listIntegrations', { latencyMs: 400 });
    const results = await Promise.all(Array.from({ length: 8 }, () => gw.query(PAGE)));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(gw.app.gateway.cache.counters(TORQ.vendor).coalesced).toBe(7);

    // Not in flight any more: the next request calls again (CACHE=off keeps nothing).
    await gw.query(PAGE);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
  });

  it('different query parameters are different calls', async () => {
    await using gw = await startGateway();
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { latencyMs: 300 });
    await Promise.all([
      gw.query('{ integrations(first: 1, typeId: "slack") { edges { cursor } } }'),
      gw.query('{ integrations(first: 1, typeId: "jira") { edges { cursor } } }'),
      gw.query('{ integrations(first: 1, typeId: "jira") { edges { cursor } } }'),
    ]);
    expect(
      torq
        .calls('listIntegrations')
        .map((c) => c.query.get('type_id'))
        .sort(),
    ).toEqual(['jira', 'slack']);
  });

  it('never shares a call across credential identities (forwarded credentials)', async () => {
    await using gw = await startGateway({ CREDENTIAL_FORWARDING: 'true' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.issued.set('torq-token-a', Date.now() + 3_600_000);
    torq.issued.set('torq-token-b', Date.now() + 3_600_000);
    torq.setFault('listIntegrations', { latencyMs: 400 });
    const as = (token?: string) => gw.query(PAGE, undefined, token ? { 'x-torq-token': token } : {});
    const results = await Promise.all([
      as('torq-token-a'),
      as('torq-token-a'),
      as('torq-token-b'),
      as('torq-token-b'),
      as(undefined),
      as(undefined),
      as('torq-token-invalid'),
    ]);
    // One call per identity; the invalid token's refusal reaches only its own caller.
    const auth = torq
      .calls('listIntegrations')
      .map((c) => c.headers.authorization)
      .sort();
    expect(auth).toEqual([
      'Bearer torq-sandbox-token',
      'Bearer torq-token-a',
      'Bearer torq-token-b',
      'Bearer torq-token-invalid',
    ]);
    expect(results.slice(0, 6).every((r) => r.errors === undefined)).toBe(true);
    expect(codes(results[6]!)).toEqual(['UPSTREAM_UNAUTHENTICATED']);
  });

  it('an aborted caller does not abort the call others wait on; when all leave, the call is cut', async () => {
    await using gw = await startGateway();
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const client = gw.app.gateway.vendors.client(TORQ);
    torq.setFault('listIntegrations', { latencyMs: 500 });

    const quitter = new AbortController();
    const first = client.listIntegrations(undefined, quitter.signal);
    await sleep(50);
    const second = client.listIntegrations(undefined, AbortSignal.timeout(5_000));
    await sleep(50);
    quitter.abort();
    await expect(first).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    const list = await second;
    expect(list.length).toBeGreaterThan(0);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    expect(torq.calls('listIntegrations')[0]!.aborted).toBe(false);

    // Every waiter gone: the shared call is aborted (Torq sees the connection close) and forgotten.
    const lone = new AbortController();
    const alone = client.listIntegrations(undefined, lone.signal);
    await sleep(50);
    lone.abort();
    await expect(alone).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    await sleep(100);
    expect(torq.calls('listIntegrations')).toHaveLength(2);
    expect(torq.calls('listIntegrations')[1]!.aborted).toBe(true);
    torq.clearFaults();
    expect((await client.listIntegrations(undefined)).length).toBeGreaterThan(0);
    expect(torq.calls('listIntegrations')).toHaveLength(3);
  });

  it('never coalesces ROMA job status (each poll asks ROMA)', async () => {
    await using gw = await startGateway();
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    const client = gw.app.gateway.vendors.client(ROMA);
    const scope = client.resolveScope();
    const jobId = await client.exportAssets(scope, [], [], undefined);
    roma.resetLog();
    roma.setFault('job', { latencyMs: 300 });
    await Promise.all([
      client.getJob(scope, jobId),
      client.getJob(scope, jobId),
      client.getJob(scope, jobId),
    ]);
    expect(roma.calls('job')).toHaveLength(3);
  });
});
