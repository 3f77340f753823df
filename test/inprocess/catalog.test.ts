/**
 * `catalog`: every listable kind of the five vendors in one connection, from the sandbox emulators
 * over real HTTP: newest first, paged to the end without repeats or gaps, a failing vendor named
 * in `errors` while the others fill the page, and scopes that hide a vendor instead of failing.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import { type GraphQLResponse, startGateway, type TestGateway } from '../helpers.js';

interface Item {
  id: string;
  vendor: string;
  kind: string;
  name: string | null;
  updatedAt: string | null;
  download: { url: string } | null;
  appId?: string;
}
interface CatalogPage {
  totalCount: number;
  errors: { vendor: string; kind: string; code: string; message: string }[];
  edges: { cursor: string; node: Item }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const QUERY = `query ($first: Int, $after: String, $vendors: [Vendor!], $orderBy: CatalogOrder) {
  catalog(first: $first, after: $after, vendors: $vendors, orderBy: $orderBy) {
    totalCount
    errors { vendor kind code message }
    edges { cursor node { id vendor kind name updatedAt download { url } ... on RomaApp { appId } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ LIMIT_COST: '1000000' });
});
afterAll(() => gw.close());

const server = (k: 'torq' | 'google' | 'oracle' | 'akana' | 'roma') =>
  gw.sandboxes[k]?.server as SandboxServer;
beforeEach(() => {
  for (const k of ['torq', 'google', 'oracle', 'akana', 'roma'] as const) server(k).clearFaults();
});

async function page(vars: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await gw.query<{ catalog: CatalogPage }, Record<string, unknown>>(QUERY, vars, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.catalog;
}

async function walkAll(first: number, orderBy?: string) {
  const items: Item[] = [];
  let after: string | null = null;
  let pages = 0;
  let total: number;
  for (;;) {
    const p = await page({ first, after, orderBy });
    expect(p.errors).toEqual([]);
    total = p.totalCount;
    items.push(...p.edges.map((e) => e.node));
    pages++;
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
    expect(pages).toBeLessThan(200);
  }
  return { items, pages, total };
}

/** How many items a vendor's own list field reports, walked to its end. */
async function ownCount(field: string): Promise<number> {
  let n = 0;
  let after: string | null = null;
  for (;;) {
    type Conn = { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const res: GraphQLResponse<Record<string, Conn>> = await gw.query<
      Record<string, Conn>,
      { after: string | null }
    >(
      `query ($after: String) { ${field}(first: 100, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } } }`,
      {
        after,
      },
    );
    expect(res.errors).toBeUndefined();
    const p: Conn = res.data![field]!;
    n += p.edges.length;
    if (!p.pageInfo.hasNextPage) return n;
    after = p.pageInfo.endCursor;
  }
}

describe('catalog', () => {
  it('lists every kind of all five vendors, newest first, paged to the end without repeats or gaps', async () => {
    const { items, pages, total } = await walkAll(37);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(items.map((i) => i.vendor))).toEqual(
      new Set([
        'TORQ',
        'GOOGLE_APPLICATION_INTEGRATION',
        'ORACLE_CLOUD_MARKETPLACE',
        'AKANA_API_PLATFORM',
        'HUAWEI_ROMA_CONNECT',
      ]),
    );
    expect(new Set(items.map((i) => i.kind)).size).toBe(7);
    // No repeats, and nothing missing: each kind's count is what its own list field walks.
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.length).toBe(total);
    const byKind = (k: string) => items.filter((i) => i.kind === k).length;
    expect(byKind('TORQ_INTEGRATION')).toBe(await ownCount('integrations'));
    expect(byKind('GOOGLE_INTEGRATION')).toBe(await ownCount('googleIntegrations'));
    expect(byKind('GOOGLE_INTEGRATION_VERSION')).toBe(await ownCount('integrationVersions'));
    expect(byKind('ORACLE_APPLICATION')).toBe(await ownCount('oracleApplications'));
    expect(byKind('AKANA_APP')).toBe(await ownCount('akanaApps'));
    expect(byKind('ROMA_APP')).toBe(await ownCount('romaApps'));
    expect(byKind('ROMA_TASK')).toBe(await ownCount('romaTasks'));
    // Newest first; items without a time last.
    const times = items.map((i) => (i.updatedAt ? Date.parse(i.updatedAt) : -Infinity));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
    // The typed object behind an item, by inline fragment; a download where the item has a file.
    expect(items.find((i) => i.kind === 'ROMA_APP')?.appId).toBeTruthy();
    expect(items.find((i) => i.kind === 'GOOGLE_INTEGRATION_VERSION')?.download?.url).toMatch(
      /\/downloads\//,
    );
    expect(items.find((i) => i.kind === 'TORQ_INTEGRATION')?.download).toBeNull();
  });

  it('orders by name with the same guarantees', async () => {
    const { items, total } = await walkAll(100, 'NAME_ASC');
    expect(new Set(items.map((i) => i.id)).size).toBe(total);
    const names = items.filter((i) => i.name !== null).map((i) => i.name!.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('a failing vendor is named in errors while the others fill the page', async () => {
    server('roma').setFault('listApps', { status: 500 });
    const p = await page({ first: 100 });
    expect(p.edges).toHaveLength(100);
    expect(p.errors).toEqual([
      expect.objectContaining({
        vendor: 'HUAWEI_ROMA_CONNECT',
        kind: 'ROMA_APP',
        code: 'UPSTREAM_UNAVAILABLE',
      }),
    ]);
    expect(p.edges.some((e) => e.node.kind === 'ROMA_APP')).toBe(false);
    expect(new Set(p.edges.map((e) => e.node.vendor)).size).toBeGreaterThan(1);
  });

  it('items resolve again through node(id:), with the same scope rules', async () => {
    const p = await page({ first: 100 });
    const ids = [...new Set(p.edges.map((e) => e.node.kind))].map(
      (k) => p.edges.find((e) => e.node.kind === k)!.node.id,
    );
    const res = await gw.query<{ nodes: ({ id: string } | null)[] }, { ids: string[] }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.nodes.map((n) => n?.id)).toEqual(ids);
  });

  it('a caller without a vendor’s scope does not see its items', async () => {
    const key = 'vg_roma_5b8f0c2e9d4a41b7a6c3e1f0d2b9a877';
    await using scoped = await startGateway({
      AUTH_MODE: 'api-key',
      API_KEYS: `roma:${createHash('sha256').update(key).digest('hex')}:roma:read`,
      LIMIT_COST: '1000000',
    });
    const res = await scoped.query<{ catalog: CatalogPage }, Record<string, unknown>>(
      QUERY,
      { first: 100 },
      {
        authorization: `Bearer ${key}`,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(new Set(res.data!.catalog.edges.map((e) => e.node.vendor))).toEqual(
      new Set(['HUAWEI_ROMA_CONNECT']),
    );
    expect(res.data!.catalog.errors).toEqual([]);
  });

  it('refuses a cursor of another order before any vendor call', async () => {
    const p = await page({ first: 5 });
    server('torq').resetLog();
    const res = await gw.query(QUERY, { first: 5, after: p.pageInfo.endCursor, orderBy: 'NAME_ASC' });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(server('torq').calls()).toHaveLength(0);
  });
});
