/** CREDENTIAL_FORWARDING: two callers' own vendor credentials never cross, in calls, caches, vault or links. */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ROMA_SANDBOX, type RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { TORQ_SANDBOX, type TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway } from '../helpers.js';

const PAGE = '{ integrations(first: 2) { edges { node { id name } } } }';

async function iamToken(romaUrl: string): Promise<string> {
  const res = await request(`${romaUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: ROMA_SANDBOX.iamUser,
              password: ROMA_SANDBOX.iamPassword,
              domain: { name: ROMA_SANDBOX.iamDomain },
            },
          },
        },
      },
    }),
  });
  await res.body.dump();
  return String(res.headers['x-subject-token']);
}

describe('credential forwarding', () => {
  it('uses each caller’s own credential and partitions the vault by it', async () => {
    await using gw = await startGateway({ CREDENTIAL_FORWARDING: 'true' });
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const [a, b] = [await iamToken(roma.url), await iamToken(roma.url)];
    const archiveId = roma.addArchive(Buffer.from('{"apps":"caller-a-only","tasks":[]}'));
    const q = `{ assetArchive(archiveId: "${archiveId}") { apps sha256 download { url } } }`;

    const asA = await gw.query<{ assetArchive: { apps: string; download: { url: string } } }, never>(
      q,
      undefined,
      {
        'x-roma-auth-token': a,
      },
    );
    expect(asA.errors).toBeUndefined();
    expect(asA.data?.assetArchive.apps).toBe('caller-a-only');
    expect(roma.calls('downloadArchive').map((c) => c.headers['x-auth-token'])).toEqual([a]);

    // B never sees A's kept copy: for B the vault is empty and ROMA already gave the archive out.
    const asB = await gw.query(q, undefined, { 'x-roma-auth-token': b });
    expect(codes(asB)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
    const anonymous = await gw.query(q);
    expect(codes(anonymous)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
    const againA = await gw.query(q, undefined, { 'x-roma-auth-token': a });
    expect(againA.errors).toBeUndefined();
    expect(roma.calls('downloadArchive').map((c) => c.headers['x-auth-token'])).toEqual([
      a,
      b,
      ROMA_SANDBOX.token,
    ]);

    // A's link needs A's credential.
    const link = asA.data?.assetArchive.download.url ?? '';
    const get = async (headers: Record<string, string>) => {
      const r = await request(link, { headers });
      await r.body.dump();
      return r.statusCode;
    };
    expect(await get({})).toBe(403);
    expect(await get({ 'x-roma-auth-token': b })).toBe(403);
    expect(await get({ 'x-roma-auth-token': a })).toBe(200);

    // A forwarded credential is used as is: a bad one fails, it never falls back to the gateway's.
    torq.resetLog();
    const bad = await gw.query('{ integrations(first: 1) { edges { cursor } } }', undefined, {
      'x-torq-token': 'not-valid',
    });
    expect(codes(bad)).toEqual(['UPSTREAM_UNAUTHENTICATED']);
    expect(torq.calls().map((c) => c.headers.authorization)).toEqual(['Bearer not-valid']);
    const own = await gw.query('{ integrations(first: 1) { edges { cursor } } }');
    expect(own.errors).toBeUndefined();
    expect(torq.calls().at(-1)?.headers.authorization).toBe(`Bearer ${TORQ_SANDBOX.token}`);
  });

  it('ignores forwarding headers when CREDENTIAL_FORWARDING is off', async () => {
    await using gw = await startGateway();
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const res = await gw.query('{ integrations(first: 1) { edges { cursor } } }', undefined, {
      'x-torq-token': 'not-valid',
    });
    expect(res.errors).toBeUndefined();
    expect(torq.calls()[0]?.headers.authorization).toBe(`Bearer ${TORQ_SANDBOX.token}`);
  });

  // Each cache tier partitions by credential identity: the vendor-response cache (the whole-response
  // cache off) and the whole-response cache in front of it.
  it.each([
    { tier: 'vendor-response cache', env: { RESPONSE_CACHE: 'off' }, responseCache: undefined },
    { tier: 'whole-response cache', env: {}, responseCache: { hits: 3, stored: 3 } },
  ])('the $tier never shares entries across forwarded credentials', async ({ env, responseCache }) => {
    await using gw = await startGateway({
      ...env,
      CACHE: 'on',
      CREDENTIAL_FORWARDING: 'true',
      TORQ_CACHE_TTL_MS: '60000',
    });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.issued.set('torq-token-a', Date.now() + 3_600_000);
    torq.issued.set('torq-token-b', Date.now() + 3_600_000);
    const as = (token?: string) => gw.query(PAGE, undefined, token ? { 'x-torq-token': token } : {});
    for (const t of ['torq-token-a', 'torq-token-b', undefined, 'torq-token-a', 'torq-token-b', undefined]) {
      expect((await as(t)).errors).toBeUndefined();
    }
    expect(torq.calls('listIntegrations').map((c) => c.headers.authorization)).toEqual([
      'Bearer torq-token-a',
      'Bearer torq-token-b',
      'Bearer torq-sandbox-token',
    ]);
    if (responseCache) expect(gw.app.gateway.responseCache.counters).toMatchObject(responseCache);
    // A credential Torq refuses is never answered from another identity's entry.
    expect(codes(await as('torq-token-revoked'))).toEqual(['UPSTREAM_UNAUTHENTICATED']);
  });
});
