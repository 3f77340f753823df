/**
 * A large Torq workspace (src/vendors/torq/list.ts): Torq answers its whole integration list in
 * one body, read as a stream into a compact form. Answers over such a list match the list as
 * sent; the body is not bound by MAX_JSON_BYTES but by TORQ_MAX_LIST_ITEMS / TORQ_MAX_LIST_BYTES,
 * whose errors are coded and say which limit; what is kept is a fraction of the body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TORQ } from '../../src/vendors/torq/ref.js';
import { torqFixtures } from '../../src/vendors/torq/fixtures.js';
import { startTorqSandbox, TORQ_SANDBOX, type TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';

/** Enough items for a dozen blocks and a body over the JSON cap set below. */
const N = 3_000;
const fixtures = torqFixtures(N);

describe('a large Torq list', () => {
  let sandbox: TorqSandbox;
  let gw: TestGateway;
  const live = (env: Record<string, string> = {}) =>
    startGateway({ TORQ_BASE_URL: sandbox.url, TORQ_TOKEN: TORQ_SANDBOX.token, ...env });

  beforeAll(async () => {
    sandbox = await startTorqSandbox({ integrations: N });
    // A JSON cap far below the list's ~1 MB: the list is read as a stream, not as one JSON body.
    gw = await live({ UPSTREAM_MAX_JSON_BYTES: '64kb', CACHE: 'on' });
  });
  afterAll(async () => {
    await gw?.close();
    await sandbox?.close();
  });

  it('pages the whole list in order, past the JSON cap, from one vendor call', async () => {
    sandbox.resetLog();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<TestGateway['query']>> = await gw.query(
        `query($after: String) { integrations(first: 100, after: $after) {
          totalCount edges { node { integrationId name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const conn = (res.data as unknown as { integrations: unknown }).integrations as {
        totalCount: number;
        edges: { node: { integrationId: string; name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      expect(conn.totalCount).toBe(N);
      seen.push(...conn.edges.map((e) => e.node.integrationId));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 40);
    expect(seen).toEqual(fixtures.map((f) => f.id));
    expect(pages).toBe(N / 100);
    expect(sandbox.calls('listIntegrations')).toHaveLength(1);
  });

  it('looks up any item by id, counts types and searches names over the whole list', async () => {
    const last = fixtures[N - 1]!;
    const mid = fixtures[1_234]!;
    const res = await gw.query(`{
      a: integration(id: "${last.id.toUpperCase()}") { integrationId displayName raw }
      b: integration(id: "${mid.id}") { integrationId createdAt webhookUrl sharing { direction workspaceIds } }
      c: integration(id: "00000000-0000-4000-8000-000000000000") { integrationId }
      all: integrations(first: 0) { totalCount typeIds { typeId count } }
      found: integrations(first: 3, search: "${mid.display_name!.toUpperCase()}") { totalCount edges { node { integrationId } } }
      slack: integrations(first: 2, typeId: "slack") { totalCount edges { node { typeId } } }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data as Record<string, never>;
    expect(d.a).toEqual({ integrationId: last.id, displayName: last.display_name, raw: last });
    expect(d.b).toMatchObject({ integrationId: mid.id, createdAt: new Date(mid.created_at!).toISOString() });
    expect(d.c).toBeNull();
    const counts = new Map<string, number>();
    for (const f of fixtures) counts.set(f.type_id!, (counts.get(f.type_id!) ?? 0) + 1);
    expect((d.all as unknown as { typeIds: unknown }).typeIds).toEqual(
      [...counts].sort(([x], [y]) => x.localeCompare(y)).map(([typeId, count]) => ({ typeId, count })),
    );
    const needle = mid.display_name!.toLowerCase();
    const matching = fixtures.filter((f) =>
      `${f.name}\u0000${f.display_name}`.toLowerCase().includes(needle),
    );
    expect(d.found).toEqual({
      totalCount: matching.length,
      edges: matching.slice(0, 3).map((f) => ({ node: { integrationId: f.id } })),
    });
    expect(d.slack).toEqual({
      totalCount: counts.get('slack'),
      edges: [{ node: { typeId: 'slack' } }, { node: { typeId: 'slack' } }],
    });
  });

  it('keeps a compact form a fraction of the body', async () => {
    const client = gw.app.gateway.vendors.client(TORQ);
    const list = await client.listIntegrations(undefined);
    const body = Buffer.byteLength(JSON.stringify({ integrations: fixtures }));
    expect(list.length).toBe(N);
    expect(list.bytes).toBeLessThan(body / 3);
  });

  it('past TORQ_MAX_LIST_ITEMS: a coded error naming the limit, and no partial answer', async () => {
    await using small = await live({ TORQ_MAX_LIST_ITEMS: '2999' });
    const res = await small.query('{ integrations(first: 1) { totalCount } }');
    expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
    expect(res.errors?.[0]?.message).toContain('more than 2999 items (TORQ_MAX_LIST_ITEMS)');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      vendor: 'TORQ',
      details: { field: 'integrations', limit: 2999 },
    });
    expect((res.data as { integrations: unknown }).integrations).toBeNull();
    // One type is within the limit.
    expect(
      (await small.query('{ integrations(first: 1, typeId: "slack") { totalCount } }')).errors,
    ).toBeUndefined();
  });

  it('past TORQ_MAX_LIST_BYTES: a coded error naming the limit', async () => {
    await using small = await live({ TORQ_MAX_LIST_BYTES: '256kb' });
    const res = await small.query('{ integrations(first: 1) { totalCount } }');
    expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
    expect(res.errors?.[0]?.message).toContain('larger than 262144 bytes (TORQ_MAX_LIST_BYTES)');
    expect(res.errors?.[0]?.extensions).toMatchObject({ details: { field: '(body)', limit: 262144 } });
  });
});

describe('a Torq list body of the wrong shape', () => {
  const bodies: [string, unknown, string][] = [
    ['a top-level array', [{ id: 'x' }], '(body): expected object'],
    ['integrations as text', { integrations: 'none' }, 'integrations: expected array'],
    ['integrations as an object', { integrations: { a: { id: 'x' } } }, 'integrations: expected array'],
    [
      'an item of the wrong type',
      { integrations: [{ id: 'a' }, { id: 'b', name: 7 }] },
      'integrations[1].name',
    ],
  ];
  for (const [what, body, says] of bodies) {
    it(`refuses ${what}`, async () => {
      await using gw = await startGateway();
      const torq = gw.sandboxes.torq?.server as TorqSandbox;
      torq.setFault('listIntegrations', { jsonBody: body });
      const res = await gw.query('{ integrations(first: 1) { totalCount } }');
      expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
      expect(res.errors?.[0]?.message).toContain(says);
    });
  }

  it('reads an absent or null list as empty, and skips other members unread', async () => {
    await using gw = await startGateway();
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    for (const body of [
      {},
      { integrations: null },
      { next: { deep: [[1]] }, integrations: [{ id: 'a' }], more: 'x' },
    ]) {
      torq.setFault('listIntegrations', { jsonBody: body });
      const res = await gw.query('{ integrations(first: 1) { totalCount } }');
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        integrations: { totalCount: 'integrations' in body && body.integrations ? 1 : 0 },
      });
    }
  });
});
