/**
 * Browse: list fields over each vendor's own pagination, against the sandbox emulators.
 * Pagination walks every item exactly once; filters reach the vendor as its documented parameters
 * (read from the emulator's request log); a vendor error on a list fails only that field; a missing
 * scope is FORBIDDEN with zero vendor calls.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphQLObjectType, getNamedType } from 'graphql';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import { schema } from '../../src/schema/index.js';
import { codes, expectRefusedBeforeAnyCall, startGateway, type TestGateway } from '../helpers.js';

type Page = {
  edges: { cursor: string; node: Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number | null;
};

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const server = (k: string) => gw.sandboxes[k]?.server as SandboxServer;
beforeEach(() => {
  for (const s of Object.values(gw.sandboxes)) {
    s?.server.resetLog();
    s?.server.clearFaults();
  }
});

/** Whether a list field's connection has a `totalCount` (not every vendor reports one). */
function hasTotalCount(field: string): boolean {
  const type = schema.getQueryType()?.getFields()[field]?.type;
  return type !== undefined && 'totalCount' in (getNamedType(type) as GraphQLObjectType).getFields();
}

/** Follows `after: endCursor` until hasNextPage is false; returns every node and the pages. */
async function walk(field: string, selection: string, args = '', first = 7) {
  const nodes: Record<string, unknown>[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount: number | null | undefined;
  for (;;) {
    const res = await gw.query<Record<string, Page>, { after: string | null }>(
      `query ($after: String) { ${field}(first: ${first}, after: $after${args ? `, ${args}` : ''}) { ${hasTotalCount(field) ? 'totalCount ' : ''}edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    const page = res.data?.[field] as Page;
    pages++;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(50);
  }
  return { nodes, pages, totalCount };
}

function onceEach(ids: unknown[]) {
  expect(ids.length).toBeGreaterThan(0);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('ROMA', () => {
  it('romaApps walks every app exactly once over ROMA offset/limit, with ROMA’s total', async () => {
    const { nodes, pages, totalCount } = await walk('romaApps', 'appId name');
    const all = (server('roma') as unknown as { apps: { id: string }[] }).apps;
    expect(nodes.map((n) => n.appId)).toEqual(all.map((a) => a.id));
    onceEach(nodes.map((n) => n.appId));
    expect(totalCount).toBe(all.length);
    expect(pages).toBe(Math.ceil(all.length / 7));
    const calls = server('roma').calls('listApps');
    expect(calls.map((c) => c.query.get('offset'))).toEqual(
      Array.from({ length: pages }, (_, i) => String(i * 7)),
    );
    expect(calls.every((c) => c.query.get('limit') === '7')).toBe(true);
  });

  it('the default page is smaller than the fixtures (more than one page)', async () => {
    const res = await gw.query<{ romaApps: Page; romaTasks: Page }, never>(
      '{ romaApps { totalCount pageInfo { hasNextPage } } romaTasks { totalCount pageInfo { hasNextPage } } }',
    );
    expect(res.data?.romaApps.pageInfo.hasNextPage).toBe(true);
    expect(res.data?.romaTasks.pageInfo.hasNextPage).toBe(true);
  });

  it('romaTasks walks every task once; filters go out as task_name and status', async () => {
    const { nodes } = await walk(
      'romaTasks',
      'taskId taskName status exportInput { taskIds appIds }',
      '',
      10,
    );
    onceEach(nodes.map((n) => n.taskId));
    expect((nodes[0]?.exportInput as { taskIds: string[] }).taskIds).toEqual([nodes[0]?.taskId]);
    server('roma').resetLog();
    const res = await gw.query<{ romaTasks: Page }, never>(
      '{ romaTasks(first: 5, taskName: "etl", status: 1) { totalCount edges { node { taskName status } } } }',
    );
    expect(res.errors).toBeUndefined();
    const [call] = server('roma').calls('listTasks');
    expect(call?.query.get('task_name')).toBe('etl');
    expect(call?.query.get('status')).toBe('1');
    for (const e of res.data?.romaTasks.edges ?? []) {
      expect(e.node.taskName).toContain('etl');
      expect(e.node.status).toBe(1);
    }
  });

  it('name filter reaches ROMA as `name`; bad input is refused before any call', async () => {
    await gw.query('{ romaApps(first: 3, name: "billing") { edges { node { name } } } }');
    expect(server('roma').calls('listApps')[0]?.query.get('name')).toBe('billing');
    server('roma').resetLog();
    await expectRefusedBeforeAnyCall(gw, server('roma'), [
      '{ romaApps(first: 101) { totalCount } }',
      '{ romaApps(after: "nope") { totalCount } }',
      '{ romaTasks(status: 7) { totalCount } }',
      '{ romaApps(projectId: "../x") { totalCount } }',
    ]);
  });

  it('a ROMA error on the list fails only that field', async () => {
    server('roma').setFault('listApps', { status: 500 });
    const res = await gw.query<{ romaApps: Page | null; romaTasks: Page }, never>(
      '{ romaApps(first: 2) { totalCount } romaTasks(first: 2) { totalCount } }',
    );
    expect(res.data?.romaApps).toBeNull();
    expect(res.data?.romaTasks.totalCount).toBeGreaterThan(0);
    expect(res.errors?.map((e) => e.path?.[0])).toEqual(['romaApps']);
  });
});

describe('Oracle', () => {
  it('oracleApplications walks every application once over Oracle offset/limit', async () => {
    const { nodes, pages } = await walk('oracleApplications', 'listingVersionId name status');
    onceEach(nodes.map((n) => n.listingVersionId));
    expect(nodes.length).toBeGreaterThan(20);
    const calls = server('oracle').calls('listApplications');
    expect(calls).toHaveLength(pages);
    expect(calls.map((c) => c.query.get('offset'))).toEqual(
      Array.from({ length: pages }, (_, i) => String(i * 7)),
    );
    expect(calls[0]?.headers['x-oracle-userid']).toBeTruthy();
  });

  it('status filter goes out as `status`; packages are the same PackageVersion objects at no extra call', async () => {
    const res = await gw.query<{ oracleApplications: Page }, never>(
      '{ oracleApplications(first: 3, status: ["PUBLISHED"]) { edges { node { listingVersionId status packages(first: 10) { edges { node { id packageVersionId name version } } } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(server('oracle').calls('listApplications')[0]?.query.get('status')).toBe('PUBLISHED');
    const apps = res.data?.oracleApplications.edges ?? [];
    expect(apps.length).toBe(3);
    for (const a of apps) expect(a.node.status).toBe('PUBLISHED');
    expect(server('oracle').calls('listPackages')).toHaveLength(3);
    expect(server('oracle').calls('packageVersion')).toHaveLength(0);
    const pkg = (apps[0]?.node.packages as Page).edges[0]?.node as { id: string; packageVersionId: string };
    expect(pkg.packageVersionId).toBeTruthy();
    // The same object by node(id:): one package details call, same fields.
    server('oracle').resetLog();
    const again = await gw.query<{ node: { packageVersionId: string } }, { id: string }>(
      'query ($id: ID!) { node(id: $id) { ... on PackageVersion { packageVersionId } } }',
      { id: pkg.id },
    );
    expect(again.data?.node.packageVersionId).toBe(pkg.packageVersionId);
  });

  it('an Oracle error on the list fails only that field', async () => {
    server('oracle').setFault('listApplications', { status: 500 });
    const res = await gw.query<Record<string, unknown>, never>(
      '{ oracleApplications(first: 2) { edges { cursor } } romaApps(first: 1) { totalCount } }',
    );
    expect(res.data?.oracleApplications).toBeNull();
    expect(res.data?.romaApps).not.toBeNull();
    expect(res.errors?.map((e) => e.path?.[0])).toEqual(['oracleApplications']);
  });
});

describe('Torq', () => {
  it('search and typeIds are computed by the gateway over Torq’s one unpaged answer', async () => {
    const all = await gw.query<
      { integrations: Page & { typeIds: { typeId: string; count: number }[] } },
      never
    >(
      '{ integrations(first: 100) { totalCount typeIds { typeId count } edges { node { name displayName typeId } } } }',
    );
    expect(all.errors).toBeUndefined();
    const edges = all.data?.integrations.edges ?? [];
    const facets = all.data?.integrations.typeIds ?? [];
    const counted = facets.reduce((n, f) => n + f.count, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(all.data?.integrations.totalCount ?? 0);
    const webhook = await gw.query<{ integrations: Page }, never>(
      `{ integrations(first: 1, typeId: ${JSON.stringify(facets[0]?.typeId)}) { totalCount } }`,
    );
    expect(webhook.data?.integrations.totalCount).toBe(facets[0]?.count);
    const needle = String(edges[0]?.node.displayName ?? edges[0]?.node.name)
      .slice(0, 4)
      .toLowerCase();
    server('torq').resetLog();
    const found = await gw.query<{ integrations: Page }, never>(
      `{ integrations(first: 100, search: ${JSON.stringify(needle)}) { totalCount edges { node { name displayName } } } }`,
    );
    const hits = found.data?.integrations.edges ?? [];
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(`${h.node.name} ${h.node.displayName}`.toLowerCase()).toContain(needle);
    const [call] = server('torq').calls();
    expect([...(call?.query.keys() ?? [])]).toEqual([]); // Torq has no search parameter
  });
});

describe('scopes', () => {
  const key = 'vg_reader_0123456789abcdef0123456789abcdef';
  it('a caller without the vendor’s scope gets FORBIDDEN and no vendor call is made', async () => {
    const sha = createHash('sha256').update(key).digest('hex');
    await using g = await startGateway({ AUTH_MODE: 'api-key', API_KEYS: `reader:${sha}:torq:read` });
    const res = await g.query<Record<string, unknown>, never>(
      '{ romaApps { totalCount } romaTasks { totalCount } oracleApplications { edges { cursor } } akanaApps { edges { cursor } } integrationVersions { edges { cursor } } googleIntegrations { edges { cursor } } }',
      undefined,
      { authorization: `Bearer ${key}` },
    );
    expect(codes(res)).toEqual(Array(6).fill('FORBIDDEN'));
    for (const k of ['roma', 'oracle', 'akana', 'google'] as const)
      expect(g.sandboxes[k]?.server.calls()).toHaveLength(0);
  });
});

describe('Google', () => {
  it('integrationVersions walks every version of the region once over pageSize/pageToken, at no versions.get', async () => {
    const { nodes, pages } = await walk('integrationVersions', 'id name state description updateTime', '', 8);
    const { googleFixtures } = await import('../../src/vendors/google/fixtures.js');
    const expected = googleFixtures()
      .filter((f) => f.name.includes('/locations/us-central1/'))
      .map((f) => f.name);
    expect(nodes.map((n) => n.name).sort()).toEqual([...expected].sort());
    onceEach(nodes.map((n) => n.name));
    expect(pages).toBe(Math.ceil(expected.length / 8));
    const calls = server('google').calls('listVersions');
    expect(calls).toHaveLength(pages);
    expect(calls[0]?.path).toMatch(/\/integrations\/-\/versions$/);
    expect(calls[0]?.query.get('pageToken')).toBeNull();
    expect(calls[1]?.query.get('pageToken')).toBeTruthy();
    expect(server('google').calls('getVersion')).toHaveLength(0);
    for (const n of nodes) expect(n.state).toBeTruthy();
  });

  it('any edge cursor (not only endCursor) continues right after that edge', async () => {
    const q =
      'query ($after: String, $n: Int) { integrationVersions(first: $n, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }';
    type R = { integrationVersions: Page };
    const all = await gw.query<R, { after: string | null; n: number }>(q, { after: null, n: 12 });
    const names = all.data?.integrationVersions.edges.map((e) => e.node.name) ?? [];
    const mid = all.data?.integrationVersions.edges[1]?.cursor ?? '';
    const next = await gw.query<R, { after: string | null; n: number }>(q, { after: mid, n: 4 });
    expect(next.data?.integrationVersions.edges.map((e) => e.node.name)).toEqual(names.slice(2, 6));
    const after = await gw.query<R, { after: string | null; n: number }>(q, {
      after: next.data?.integrationVersions.pageInfo.endCursor ?? '',
      n: 6,
    });
    expect(after.data?.integrationVersions.edges.map((e) => e.node.name)).toEqual(names.slice(6, 12));
  });

  it('listed versions are the looked-up objects: same id, node(id) resolves them', async () => {
    const res = await gw.query<{ integrationVersions: Page }, never>(
      '{ integrationVersions(first: 2) { edges { node { id name state } } } }',
    );
    const v = res.data?.integrationVersions.edges[0]?.node as { id: string; name: string; state: string };
    const one = await gw.query<{ integrationVersion: { id: string; state: string } }, { name: string }>(
      'query ($name: String!) { integrationVersion(name: $name) { id state } }',
      { name: v.name },
    );
    expect(one.data?.integrationVersion).toEqual({ id: v.id, state: v.state });
    const node = await gw.query<{ node: { name: string } }, { id: string }>(
      'query ($id: ID!) { node(id: $id) { ... on IntegrationVersion { name } } }',
      { id: v.id },
    );
    expect(node.data?.node.name).toBe(v.name);
  });

  it('googleIntegrations → versions: filter and orderBy reach Google as documented; more than one page by default', async () => {
    const first = await gw.query<{ googleIntegrations: Page }, never>(
      '{ googleIntegrations { pageInfo { hasNextPage } edges { node { name integration active } } } }',
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.googleIntegrations.pageInfo.hasNextPage).toBe(true);
    const { nodes } = await walk('googleIntegrations', 'name integration', '', 9);
    onceEach(nodes.map((n) => n.name));
    expect(nodes.length).toBe(24);
    server('google').resetLog();
    const res = await gw.query<{ googleIntegrations: Page }, never>(
      `{ googleIntegrations(first: 2, orderBy: "name") { edges { node { integration versions(first: 5, filter: "state=ACTIVE", orderBy: "created_time") { edges { node { state } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(server('google').calls('listIntegrations')[0]?.query.get('orderBy')).toBe('name');
    const vcalls = server('google').calls('listVersions');
    expect(vcalls).toHaveLength(2);
    expect(vcalls[0]?.query.get('filter')).toBe('state=ACTIVE');
    expect(vcalls[0]?.query.get('orderBy')).toBe('created_time');
    for (const i of res.data?.googleIntegrations.edges ?? []) {
      for (const v of (i.node.versions as Page).edges) expect(v.node.state).toBe('ACTIVE');
    }
  });

  it('bad cursors and page sizes are refused before any call; a Google error fails only that field', async () => {
    await expectRefusedBeforeAnyCall(gw, server('google'), [
      '{ integrationVersions(first: 101) { edges { cursor } } }',
      '{ integrationVersions(after: "T2Zmc2V0Q29ubmVjdGlvbjox") { edges { cursor } } }',
      '{ integrationVersions(integration: "../x") { edges { cursor } } }',
    ]);
    server('google').setFault('listVersions', { status: 500 });
    const res = await gw.query<Record<string, unknown>, never>(
      '{ integrationVersions(first: 1) { edges { cursor } } googleIntegrations(first: 1) { edges { cursor } } }',
    );
    expect(res.data?.integrationVersions).toBeNull();
    expect(res.data?.googleIntegrations).not.toBeNull();
    expect(res.errors?.map((e) => e.path?.[0])).toEqual(['integrationVersions']);
  });
});

describe('Akana', () => {
  it('akanaApps walks every app once over start/count; versions and exports follow at one call per app', async () => {
    const { nodes, pages } = await walk('akanaApps', 'appId name');
    onceEach(nodes.map((n) => n.appId));
    expect(nodes.length).toBe(27);
    const calls = server('akana').calls('listUserApps');
    expect(calls).toHaveLength(pages);
    expect(calls.map((c) => [c.query.get('start'), c.query.get('count')])).toEqual(
      Array.from({ length: pages }, (_, i) => [String(i * 7), '7']),
    );
    expect(calls[0]?.path).toMatch(/^\/api\/users\/[^/]+\.acmepaymentscorp\/apps$/);
    server('akana').resetLog();
    const res = await gw.query<{ akanaApps: Page }, never>(
      '{ akanaApps(first: 10) { pageInfo { hasNextPage } edges { node { appId versions(first: 3) { edges { node { appVersionId name export { id appVersionId download { url } } } } } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.akanaApps.pageInfo.hasNextPage).toBe(true);
    expect(server('akana').calls('listAppVersions')).toHaveLength(10);
    expect(server('akana').calls('getAppVersion')).toHaveLength(0);
    expect(server('akana').calls('exportPackage')).toHaveLength(0);
    const v = (res.data?.akanaApps.edges.at(-1)?.node.versions as Page).edges[0]?.node as {
      appVersionId: string;
      export: { id: string; appVersionId: string; download: { url: string } };
    };
    expect(v.export.appVersionId).toBe(v.appVersionId);
    const file = await fetch(v.export.download.url);
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const same = await gw.query<{ appVersionExport: { id: string } }, { id: string }>(
      'query ($id: ID!) { appVersionExport(appVersionId: $id) { id } }',
      { id: v.appVersionId },
    );
    expect(same.data?.appVersionExport.id).toBe(v.export.id);
  });

  it('bad user ids and page sizes are refused before any call; an Akana error fails only that field', async () => {
    await expectRefusedBeforeAnyCall(gw, server('akana'), [
      '{ akanaApps(userId: "../../admin") { edges { cursor } } }',
      '{ akanaApps(first: 500) { edges { cursor } } }',
    ]);
    server('akana').setFault('listUserApps', { status: 500 });
    const res = await gw.query<Record<string, unknown>, never>(
      '{ akanaApps(first: 1) { edges { cursor } } romaApps(first: 1) { totalCount } }',
    );
    expect(res.data?.akanaApps).toBeNull();
    expect(res.data?.romaApps).not.toBeNull();
    expect(res.errors?.map((e) => e.path?.[0])).toEqual(['akanaApps']);
  });
});

describe('Browse operation (schema/operations/Browse.graphql)', () => {
  it('starts from no ids and reaches a signed download link for every vendor with files', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../schema/operations/Browse.graphql', import.meta.url), 'utf8');
    type Conn = { edges: { node: Record<string, unknown> }[] };
    const res = await gw.query<Record<string, Conn>, never>(doc);
    expect(res.errors).toBeUndefined();
    const d = res.data as Record<string, Conn>;
    for (const k of [
      'integrations',
      'googleIntegrations',
      'oracleApplications',
      'akanaApps',
      'romaApps',
      'romaTasks',
    ]) {
      expect(d[k]?.edges.length, k).toBeGreaterThan(0);
    }
    const googleUrl = (
      (d.googleIntegrations?.edges[0]?.node.versions as Conn).edges[0]?.node.download as { url: string }
    ).url;
    const akanaUrl = (
      (d.akanaApps?.edges[0]?.node.versions as Conn).edges[0]?.node.export as { download: { url: string } }
    ).download.url;
    const oraclePkg = (d.oracleApplications?.edges[0]?.node.packages as Conn).edges[0]?.node;
    expect(oraclePkg?.packageVersionId).toBeTruthy();

    // ROMA: a listed app's exportInput goes straight into exportAssets; its job leads to the archive.
    (server('roma') as unknown as { jobMs: number }).jobMs = 0;
    const input = d.romaApps?.edges[0]?.node.exportInput as { appIds: string[]; taskIds: string[] };
    const task = d.romaTasks?.edges[0]?.node.exportInput as { taskIds: string[] };
    const started = await gw.query<{ exportAssets: { jobId: string } }, { input: unknown }>(
      'mutation ($input: ExportAssetsInput!) { exportAssets(input: $input) { jobId } }',
      { input: { appIds: input.appIds, taskIds: task.taskIds } },
    );
    expect(started.errors).toBeUndefined();
    expect(server('roma').calls('exportAssets')).toHaveLength(1);
    const job = await gw.query<
      { assetJob: { status: string; archive: { download: { url: string } } } },
      { id: string }
    >('query ($id: String!) { assetJob(jobId: $id) { status archive { download { url } } } }', {
      id: started.data?.exportAssets.jobId ?? '',
    });
    expect(job.errors).toBeUndefined();
    expect(job.data?.assetJob.status).toBe('SUCCEEDED');
    const romaUrl = job.data?.assetJob.archive.download.url ?? '';

    for (const [vendor, url] of [
      ['google', googleUrl],
      ['akana', akanaUrl],
      ['roma', romaUrl],
    ] as const) {
      const file = await fetch(url);
      expect(file.status, vendor).toBe(200);
      expect((await file.arrayBuffer()).byteLength, vendor).toBeGreaterThan(0);
    }
    const romaBody = await (await fetch(romaUrl)).text();
    expect(romaBody).toContain(input.appIds[0]);
  });
});

describe('GraphiQL example', () => {
  it('its Browse tab runs against the sandbox without errors and is served with the page', async () => {
    const html = await (await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('query Browse');
    const { exampleQueries } = await import('../../src/graphql/example.js');
    const { vendorModules } = await import('../../src/vendors/index.js');
    const { browse: EXAMPLE_QUERY } = await exampleQueries(vendorModules());
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: EXAMPLE_QUERY, operationName: 'Browse' }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data ?? {}).every((v) => v !== null)).toBe(true);
  });
});

describe('Akana PKI through the list', () => {
  it('a listed version’s export with PKI options is FORBIDDEN before any export call', async () => {
    const res = await gw.query<Record<string, unknown>, never>(
      '{ akanaApps(first: 1) { edges { node { versions(first: 1) { edges { node { export(includeAppPki: true) { id } } } } } } } }',
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(server('akana').calls('exportPackage')).toHaveLength(0);
    expect(server('akana').calls('getAppVersion')).toHaveLength(0);
  });
});
