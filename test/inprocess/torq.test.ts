import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { torqFixtures } from '../../src/vendors/torq/fixtures.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { TORQ_SANDBOX } from '../../src/vendors/torq/sandbox.js';
import { graphql } from '../gql/index.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';

const CrossField = graphql(`
  query CrossField {
    vendors {
      vendor
      mode
      baseUrl
    }
    integrations(first: 5) {
      edges {
        cursor
        node {
          id
          integrationId
          name
          displayName
          typeId
          createdAt
          createdBy
          lastUsedAt
          webhookUrl
          sharing {
            direction
            workspaceIds
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Page = graphql(`
  query IntegrationsPage($typeId: String, $first: Int, $after: String) {
    integrations(typeId: $typeId, first: $first, after: $after) {
      edges {
        node {
          integrationId
          typeId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ById = graphql(`
  query IntegrationById($id: UUID!) {
    integration(id: $id) {
      id
      integrationId
      name
    }
  }
`);

const Nodes = graphql(`
  query NodesById($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on Integration {
        name
      }
    }
  }
`);

const fixtures = torqFixtures();

describe('Torq integrations over the sandbox', () => {
  let gw: TestGateway;
  let sandbox: TorqSandbox;
  beforeAll(async () => {
    // The cross-field query reads `vendors { baseUrl }`, which needs the admin scope.
    gw = await startGateway({ ANONYMOUS_SCOPES: 'torq:read admin' });
    sandbox = gw.sandboxes.torq?.server as TorqSandbox;
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    sandbox.resetLog();
    sandbox.clearFaults();
  });

  it('answers a cross-field query with sandbox data', async () => {
    const res = await gw.query(CrossField);
    expect(res.errors).toBeUndefined();
    expect(res.data?.vendors).toContainEqual({ vendor: 'TORQ', mode: 'SANDBOX', baseUrl: `${sandbox.url}/` });
    const edges = res.data?.integrations?.edges ?? [];
    expect(edges).toHaveLength(5);
    const first = fixtures[0]!;
    expect(edges[0]?.node).toMatchObject({
      integrationId: first.id,
      name: first.name,
      displayName: first.display_name,
      typeId: first.type_id,
      webhookUrl: first.details?.trigger?.webhook_url,
      sharing: { direction: 'NOT_SHARED', workspaceIds: [] },
    });
    expect(edges[1]?.node.sharing).toEqual({
      direction: 'INCOMING',
      workspaceIds: fixtures[1]?.sharing_data?.workspace_ids,
    });
    expect(edges[2]?.node.sharing.direction).toBe('OUTGOING');
    // Global ids are URL-safe and opaque.
    expect(edges[0]?.node.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(res.data?.integrations?.pageInfo.hasNextPage).toBe(true);
    expect(sandbox.calls('listIntegrations')).toHaveLength(1);
    // The vendor saw the bearer token, and no type filter.
    expect(sandbox.calls()[0]?.headers.authorization).toBe(`Bearer ${TORQ_SANDBOX.token}`);
    expect(sandbox.calls()[0]?.query.has('type_id')).toBe(false);
  });

  it('paginates the whole list with cursors, without duplicates', async () => {
    const seen = new Set<string>();
    let after: string | null | undefined;
    let pages = 0;
    do {
      const res = await gw.query(Page, { first: 37, after });
      expect(res.errors).toBeUndefined();
      for (const e of res.data?.integrations?.edges ?? []) seen.add(e.node.integrationId);
      after = res.data?.integrations?.pageInfo.hasNextPage ? res.data.integrations?.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 50);
    expect(seen.size).toBe(fixtures.length);
    expect(pages).toBe(Math.ceil(fixtures.length / 37));
  });

  it('passes type_id to Torq and returns only that type', async () => {
    const res = await gw.query(Page, { typeId: 'slack', first: 100 });
    const types = new Set(res.data?.integrations?.edges.map((e) => e.node.typeId));
    expect([...types]).toEqual(['slack']);
    expect(res.data?.integrations?.edges).toHaveLength(fixtures.filter((f) => f.type_id === 'slack').length);
    expect(sandbox.calls('listIntegrations')[0]?.query.get('type_id')).toBe('slack');
  });

  it('refuses bad page arguments and foreign cursors as BAD_USER_INPUT with no vendor call', async () => {
    for (const vars of [{ first: 1000 }, { first: -1 }, { after: 'not-a-cursor' }, { typeId: 'a/b?c' }]) {
      const res = await gw.query(Page, vars);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    }
    expect(sandbox.calls()).toHaveLength(0);
  });

  it('batches 25 aliased integration lookups into one vendor call', async () => {
    const ids = fixtures.slice(0, 25).map((f) => f.id);
    const query = `{ ${ids.map((id, i) => `a${i}: integration(id: "${id}") { integrationId name }`).join('\n')} }`;
    const res = await gw.query<Record<string, { integrationId: string; name: string }>, never>(query);
    expect(res.errors).toBeUndefined();
    ids.forEach((id, i) => {
      expect(res.data?.[`a${i}`]?.integrationId).toBe(id);
    });
    expect(sandbox.calls('listIntegrations')).toHaveLength(1);
  });

  it('resolves nodes(ids:) in one vendor call, unknown ids as null', async () => {
    const ids = [...fixtures.slice(10, 20).map((f) => encodeGlobalId('Integration', f.id))];
    ids.push(encodeGlobalId('Integration', '00000000-0000-4000-8000-000000000000'));
    const res = await gw.query(Nodes, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data?.nodes.slice(0, 10).map((n) => n && 'name' in n && n.name)).toEqual(
      fixtures.slice(10, 20).map((f) => f.name),
    );
    expect(res.data?.nodes[10]).toBeNull();
    expect(sandbox.calls('listIntegrations')).toHaveLength(1);
  });

  it('makes identical list calls once per request (connection + lookups share one call)', async () => {
    const res = await gw.query(
      `{ integrations(first: 3) { edges { node { name } } } one: integration(id: "${fixtures[3]?.id}") { name } two: integration(id: "${fixtures[3]?.id}") { name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(sandbox.calls('listIntegrations')).toHaveLength(1);
  });

  it('turns an id that is not a UUID into BAD_USER_INPUT, an unknown one into null', async () => {
    const bad = await gw.query(ById, { id: 'not-a-uuid' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const literal = await gw.query('{ integration(id: "nope") { name } }');
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    const unknown = await gw.query(ById, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.integration).toBeNull();
    const garbageNode = await gw.query('{ node(id: "%%%") { id } }');
    expect(codes(garbageNode)).toEqual(['BAD_USER_INPUT']);
    expect(sandbox.calls().length).toBeLessThanOrEqual(1);
  });

  it('finds an integration by its UUID in any letter case and round-trips its global id', async () => {
    const f = fixtures[42]!;
    const res = await gw.query(ById, { id: f.id.toUpperCase() });
    expect(res.data?.integration?.integrationId).toBe(f.id);
    const again = await gw.query(
      `{ node(id: "${res.data?.integration?.id}") { ... on Integration { name } } }`,
    );
    expect(again.data).toEqual({ node: { name: f.name } });
  });

  const faults: [string, Parameters<TorqSandbox['setFault']>[1], string, number][] = [
    ['a 401', { status: 401 }, 'UPSTREAM_UNAUTHENTICATED', 1],
    ['a 403', { status: 403 }, 'UPSTREAM_FORBIDDEN', 1],
    ['a 404', { status: 404 }, 'NOT_FOUND', 1],
    ['a 400', { status: 400 }, 'BAD_USER_INPUT', 1],
    ['a 429 after retries', { status: 429, retryAfter: '0' }, 'RATE_LIMITED', 3],
    ['a 500 after retries', { status: 500 }, 'UPSTREAM_UNAVAILABLE', 3],
    ['a 503 that heals on retry', { status: 503, times: 1 }, '', 2],
    ['a malformed JSON body', { malformedJson: true }, 'UPSTREAM_INVALID_RESPONSE', 1],
    ['a wrong content type', { contentType: 'text/html' }, 'UPSTREAM_INVALID_RESPONSE', 1],
    ['a connection reset', { resetBeforeHeaders: true }, 'UPSTREAM_UNAVAILABLE', 3],
  ];
  for (const [what, fault, code, attempts] of faults) {
    it(`maps ${what} to ${code || 'success'}, and the rest of the query still resolves`, async () => {
      sandbox.setFault('listIntegrations', fault);
      const res = await gw.query(CrossField);
      expect(res.data?.vendors.length).toBeGreaterThan(0);
      if (code) {
        expect(res.data?.integrations ?? null).toBeNull();
        expect(res.errors?.[0]?.extensions).toMatchObject({ code, vendor: 'TORQ' });
        expect(res.errors?.[0]?.path).toEqual(['integrations']);
      } else {
        expect(res.errors).toBeUndefined();
      }
      expect(sandbox.calls('listIntegrations')).toHaveLength(attempts);
    });
  }

  it('carries the vendor status and gRPC code in the error', async () => {
    sandbox.setFault('listIntegrations', { status: 403 });
    const res = await gw.query(CrossField);
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_FORBIDDEN',
      vendor: 'TORQ',
      httpStatus: 403,
      vendorCode: '7',
    });
    expect(JSON.stringify(res)).not.toContain(TORQ_SANDBOX.token);
  });
});

describe('Torq with client credentials', () => {
  it('treats Torq credentials as LIVE (no sandbox for it)', async () => {
    await using gw = await startGateway({
      TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
      TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
      SANDBOX: 'auto',
    });
    // Credentials make Torq LIVE; point it at an emulator of its own.
    expect((await gw.query('{ vendors { vendor mode } }')).data).toEqual({
      vendors: expect.arrayContaining([{ vendor: 'TORQ', mode: 'LIVE' }]),
    });
  });

  it('gets, caches and renews the bearer token against the token endpoint', async () => {
    const { startTorqSandbox } = await import('../../src/vendors/torq/sandbox.js');
    await using sandbox = await startTorqSandbox();
    await using gw = await startGateway({
      TORQ_BASE_URL: sandbox.url,
      TORQ_AUTH_URL: `${sandbox.url}/v1/auth/token`,
      TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
      TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => gw.query(Page, { first: 1 })));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(sandbox.calls('token')).toHaveLength(1);
    // Identical GETs in flight at once share one Torq call (coalesce.test.ts counts that exactly).
    expect(sandbox.calls('listIntegrations').length).toBeGreaterThanOrEqual(1);
    expect(sandbox.calls('listIntegrations').length).toBeLessThanOrEqual(10);
    const tokenCall = sandbox.calls('token')[0]!;
    expect(tokenCall.headers.authorization).toMatch(/^Basic /);

    // The workspace revokes every token: the next call gets a 401, renews once, and succeeds.
    sandbox.issued.clear();
    const afterRevoke = await Promise.all(Array.from({ length: 5 }, () => gw.query(Page, { first: 1 })));
    for (const r of afterRevoke) expect(r.errors).toBeUndefined();
    expect(sandbox.calls('token')).toHaveLength(2);

    // Wrong credentials: one clear error, no secret in it.
    await using bad = await startGateway({
      TORQ_BASE_URL: sandbox.url,
      TORQ_AUTH_URL: `${sandbox.url}/v1/auth/token`,
      TORQ_CLIENT_ID: 'someone',
      TORQ_CLIENT_SECRET: 'wrong-secret-value',
    });
    const res = await bad.query(Page, { first: 1 });
    expect(codes(res)).toEqual(['UPSTREAM_UNAUTHENTICATED']);
    expect(JSON.stringify(res)).not.toContain('wrong-secret-value');
    expect(bad.logs.join('\n')).not.toContain('wrong-secret-value');
  });

  it('renews the token before it expires', async () => {
    const { startTorqSandbox } = await import('../../src/vendors/torq/sandbox.js');
    await using sandbox = await startTorqSandbox();
    sandbox.tokenTtlSeconds = 60; // inside the 60 s renewal margin: every call needs a fresh token
    await using gw = await startGateway({
      TORQ_BASE_URL: sandbox.url,
      TORQ_AUTH_URL: `${sandbox.url}/v1/auth/token`,
      TORQ_CLIENT_ID: TORQ_SANDBOX.clientId,
      TORQ_CLIENT_SECRET: TORQ_SANDBOX.clientSecret,
    });
    await gw.query(Page, { first: 1 });
    await gw.query(Page, { first: 1 });
    expect(sandbox.calls('token')).toHaveLength(2);
    expect(sandbox.calls('listIntegrations').every((c) => c.headers.authorization !== undefined)).toBe(true);
  });
});

describe('Torq not configured', () => {
  it('reports NOT_CONFIGURED and VENDOR_NOT_CONFIGURED with SANDBOX=off', async () => {
    await using gw = await startGateway({ SANDBOX: 'off', ANONYMOUS_SCOPES: 'torq:read admin' });
    const res = await gw.query(CrossField);
    expect(res.data?.vendors).toContainEqual({ vendor: 'TORQ', mode: 'NOT_CONFIGURED', baseUrl: null });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_NOT_CONFIGURED', vendor: 'TORQ' });
  });
});
