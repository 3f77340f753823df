/**
 * The gateway as an Apollo Federation v2 subgraph: `_service`, `_entities` through the dataloaders
 * (counted in the sandboxes' request logs), the same doors as root fields, and end to end through a
 * real router (Hive Gateway runtime) over a supergraph composed with a second subgraph written here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { composeSupergraph } from '../../scripts/compose-supergraph.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/settings/load.js';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { ROMA_SANDBOX, type RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { torqFixtures } from '../../src/vendors/torq/fixtures.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';

const [g1, g2] = googleFixtures();
const [t1, t2, t3] = torqFixtures();
const SUBGRAPH_SDL = readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ADMIN_KEY = 'vg_fed_admin_4e1c0b7a9d2f48e3b6a5c1d0e9f8a7b6';
const READER_KEY = 'vg_fed_reader_0a9b8c7d6e5f44a3b2c1d0e9f8a7b6c5';
const API_KEYS = [
  `reader:${sha(READER_KEY)}:torq:read,google:read,akana:export`,
  `admin:${sha(ADMIN_KEY)}:torq:read,google:read,oracle:read,akana:export,akana:pki,roma:read`,
].join(';');

type Rep = Record<string, unknown>;
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Integration { integrationId integrationName: name }
    ... on IntegrationVersion { versionName: name state }
    ... on PackageVersion { packageVersionId packageName: name }
    ... on AppVersionExport { appVersionId entries { path } }
    ... on AssetArchive { archiveId size }
  }
}`;
const integration = (id: string | undefined): Rep => ({ __typename: 'Integration', integrationId: id });
const pkg = (l: string, p: string): Rep => ({
  __typename: 'PackageVersion',
  listingVersionId: l,
  packageVersionId: p,
});
const NO_PKI = {
  includeAppPki: false,
  includeApiPki: false,
  includeApiConnections: false,
  includeAppTeam: false,
};

function callsOf(gw: TestGateway) {
  return Object.fromEntries(
    Object.entries(gw.sandboxes).map(([k, s]) => [
      k,
      (s?.server.calls() ?? []).filter((c) => !/token|authenticate/i.test(c.route)).length,
    ]),
  );
}
function reset(gw: TestGateway) {
  for (const s of Object.values(gw.sandboxes)) {
    s?.server.resetLog();
    s?.server.clearFaults();
  }
}

describe('the subgraph endpoint', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ FEDERATION_MAX_REPRESENTATIONS: '12' });
  });
  afterAll(() => gw.close());
  beforeEach(() => reset(gw));

  it('answers _service { sdl } with the checked-in schema/subgraph.graphql', async () => {
    const res = await gw.query<{ _service: { sdl: string } }, never>('{ _service { sdl } }');
    expect(res.errors).toBeUndefined();
    expect(`${res.data?._service.sdl}\n`).toBe(SUBGRAPH_SDL);
    expect(SUBGRAPH_SDL).toContain('@key(fields: "integrationId")');
    expect(SUBGRAPH_SDL).toContain('@key(fields: "listingVersionId packageVersionId")');
    expect(SUBGRAPH_SDL).toContain('@key(fields: "projectId instanceId archiveId")');
  });

  it('resolves N representations of five types with the minimum vendor calls', async () => {
    const archive = (gw.sandboxes.roma?.server as RomaSandbox).addArchive(Buffer.from('{"apps":"a1"}'));
    const roma = {
      __typename: 'AssetArchive',
      projectId: ROMA_SANDBOX.projectId,
      instanceId: ROMA_SANDBOX.instanceId,
      archiveId: archive,
    };
    const representations = [
      integration(t1?.id),
      integration(t2?.id),
      integration(t3?.id?.toUpperCase()),
      { __typename: 'IntegrationVersion', name: g1?.name },
      { __typename: 'IntegrationVersion', name: g2?.name },
      { __typename: 'IntegrationVersion', name: g1?.name },
      pkg('2133526', '3084832'),
      pkg('2200000', '3100000'),
      pkg('2133526', '3084832'),
      { __typename: 'AppVersionExport', appVersionId: SEED_APP_VERSION, options: NO_PKI },
      { __typename: 'AppVersionExport', appVersionId: SEED_APP_VERSION, options: NO_PKI },
      roma,
    ];
    const res = await gw.query<{ _entities: (Rep | null)[] }, { representations: Rep[] }>(ENTITIES, {
      representations,
    });
    expect(res.errors).toBeUndefined();
    const got = res.data?._entities ?? [];
    expect(got.map((e) => e?.__typename)).toEqual(representations.map((r) => r.__typename));
    expect(got[0]).toMatchObject({ integrationId: t1?.id, integrationName: t1?.name });
    expect(got[2]).toMatchObject({ integrationId: t3?.id });
    expect(got[3]).toMatchObject({ versionName: g1?.name });
    expect(got[6]).toMatchObject({ packageVersionId: '3084832' });
    expect((got[9]?.entries as unknown[]).length).toBeGreaterThan(0);
    expect(got[11]).toMatchObject({ archiveId: archive, size: 13 });
    // One Torq list, one Google versions.get per distinct version (the existence check, which also
    // answers the selected fields), one Oracle GET per distinct package, one Akana existence check
    // + one export, one ROMA download.
    expect(callsOf(gw)).toEqual({ torq: 1, google: 2, oracle: 2, akana: 2, roma: 1 });
  });
});

describe('_entities behind the same doors as the root fields', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ AUTH_MODE: 'api-key', API_KEYS, FEDERATION_MAX_REPRESENTATIONS: '3' });
  });
  afterAll(() => gw.close());
  beforeEach(() => reset(gw));
  const entities = (representations: Rep[], key = ADMIN_KEY, query = ENTITIES) =>
    gw.query<{ _entities: (Rep | null)[] }, { representations: Rep[] }>(
      query,
      { representations },
      { authorization: `Bearer ${key}` },
    );

  it('checks scopes per entity before any vendor call; the allowed ones still resolve', async () => {
    const res = await entities(
      [
        integration(t1?.id),
        pkg('2133526', '3084832'),
        {
          __typename: 'AppVersionExport',
          appVersionId: SEED_APP_VERSION,
          options: { ...NO_PKI, includeAppPki: true },
        },
      ],
      READER_KEY,
    );
    expect(res.data?._entities[0]).toMatchObject({ integrationId: t1?.id });
    expect(res.data?._entities[1]).toBeNull();
    expect(res.data?._entities[2]).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1], 'FORBIDDEN'],
      [['_entities', 2], 'FORBIDDEN'],
    ]);
    expect(res.errors?.[1]?.message).toMatch(/akana:pki/);
    expect(callsOf(gw)).toMatchObject({ oracle: 0, akana: 0 });
  });

  it('lets a caller with akana:pki resolve a PKI export (and audits it)', async () => {
    const res = await entities(
      [
        {
          __typename: 'AppVersionExport',
          appVersionId: SEED_APP_VERSION,
          options: { ...NO_PKI, includeApiPki: true },
        },
      ],
      ADMIN_KEY,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on AppVersionExport { options { includeApiPki } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toEqual({ options: { includeApiPki: true } });
    expect(gw.logs.some((l) => l.includes('akana.pki_export'))).toBe(true);
  });

  it('refuses an unauthenticated caller', async () => {
    const res = await entities([integration(t1?.id)], 'not-a-key');
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(callsOf(gw)).toMatchObject({ torq: 0 });
  });

  it('answers malformed keys and unknown types with BAD_USER_INPUT and no vendor call', async () => {
    const res = await entities([integration('not-a-uuid'), pkg('2133526', '../x'), { __typename: 'Query' }]);
    expect(res.data?._entities).toEqual([null, null, null]);
    expect(codes(res)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    const bad = await entities([
      { __typename: 'AppVersionExport', appVersionId: SEED_APP_VERSION, options: { includeAppPki: 'yes' } },
      { __typename: 'AssetArchive', projectId: 'p/../q', instanceId: 'i', archiveId: 'a' },
      { __typename: 'IntegrationVersion', name: 'projects/x' },
    ]);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(Object.values(callsOf(gw)).every((n) => n === 0)).toBe(true);
  });

  it('limits the representations per request (FEDERATION_MAX_REPRESENTATIONS) and the cost', async () => {
    const four = [t1, t2, t3, t1].map((t) => integration(t?.id));
    const res = await entities(four);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.errors?.[0]?.message).toMatch(/at most 3 representations/);
    expect(callsOf(gw)).toMatchObject({ torq: 0 });
  });
});

describe('limits and settings', () => {
  it('counts the selection once per representation against LIMIT_COST', async () => {
    await using gw = await startGateway({ LIMIT_COST: '30' });
    const reps = [t1, t2, t3].map((t) => integration(t?.id));
    const q = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Integration { name displayName typeId createdAt createdBy lastUsedAt webhookUrl sharing { direction workspaceIds } } } }`;
    const one = await gw.query<{ _entities: unknown[] }, { representations: Rep[] }>(q, {
      representations: reps.slice(0, 1),
    });
    expect(one.errors).toBeUndefined();
    reset(gw);
    const three = await gw.query<{ _entities: unknown[] }, { representations: Rep[] }>(q, {
      representations: reps,
    });
    expect(codes(three)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(callsOf(gw)).toMatchObject({ torq: 0 });
    // Next to a root field, the root field's own check counts _entities the same way.
    const mixed = q.replace(
      'query ($representations: [_Any!]!) {',
      'query ($representations: [_Any!]!) { vendors { vendor }',
    );
    const mixedOne = await gw.query<{ _entities: unknown[] }, { representations: Rep[] }>(mixed, {
      representations: reps.slice(0, 1),
    });
    expect(mixedOne.errors).toBeUndefined();
    reset(gw);
    const mixedThree = await gw.query<{ _entities: unknown[] }, { representations: Rep[] }>(mixed, {
      representations: reps,
    });
    expect(codes(mixedThree)).toContain('QUERY_TOO_COMPLEX');
    expect(codes(mixedThree).every((c) => c === 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(callsOf(gw)).toMatchObject({ torq: 0 });
  });

  it('reads FEDERATION and FEDERATION_MAX_REPRESENTATIONS', () => {
    expect(loadSettings({}).federation).toEqual({ enabled: true, maxRepresentations: 100 });
    expect(loadSettings({ FEDERATION: 'off', FEDERATION_MAX_REPRESENTATIONS: '5' }).federation).toEqual({
      enabled: false,
      maxRepresentations: 5,
    });
    expect(() => loadSettings({ FEDERATION: 'yes' })).toThrow(/FEDERATION/);
    expect(() => loadSettings({ FEDERATION_MAX_REPRESENTATIONS: '0' })).toThrow(
      /FEDERATION_MAX_REPRESENTATIONS/,
    );
  });

  it('FEDERATION=off serves the stand-alone schema only', async () => {
    await using gw = await startGateway({ FEDERATION: 'off' });
    const res = await gw.query('{ _service { sdl } }');
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const ok = await gw.query<{ integration: { name: string } }, never>(
      `{ integration(id: "${t1?.id}") { name } }`,
    );
    expect(ok.data?.integration.name).toBe(t1?.name);
  });

  it('refuses _service with introspection off', async () => {
    await using gw = await startGateway({ INTROSPECTION: 'false' });
    const res = await gw.query('{ _service { sdl } }');
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});

/** A second subgraph, as another team would write it: owners for integrations, deployments for packages. */
const TEAMS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  scalar UUID

  type Team @key(fields: "name") {
    name: String!
    integrations: [Integration!]!
  }

  type Integration @key(fields: "integrationId") {
    integrationId: UUID!
    owner: Team
  }

  type PackageVersion @key(fields: "listingVersionId packageVersionId") {
    listingVersionId: ID!
    packageVersionId: ID!
    deployments: [Deployment!]!
  }

  type Deployment {
    environment: String!
    package: PackageVersion
  }

  type IntegrationVersion @key(fields: "name", resolvable: false) {
    name: String!
  }

  type AppVersionExportOptionsSet @shareable {
    includeAppPki: Boolean!
    includeApiPki: Boolean!
    includeApiConnections: Boolean!
    includeAppTeam: Boolean!
  }

  type AppVersionExport
    @key(
      fields: "appVersionId options { includeAppPki includeApiPki includeApiConnections includeAppTeam }"
      resolvable: false
    ) {
    appVersionId: ID!
    options: AppVersionExportOptionsSet!
  }

  type Release {
    tag: String!
    artifact: IntegrationVersion!
    bundle: AppVersionExport
  }

  type Query {
    teams: [Team!]!
    deployments: [Deployment!]!
    releases: [Release!]!
  }
`;

function teamsSubgraph() {
  const owners = new Map([
    [t1?.id ?? '', 'payments'],
    [t2?.id ?? '', 'payments'],
    [t3?.id ?? '', 'growth'],
  ]);
  const team = (name: string) => ({ name });
  const deployments = [
    { environment: 'prod', listingVersionId: '2133526', packageVersionId: '3084832' },
    { environment: 'staging', listingVersionId: '2200000', packageVersionId: '3100000' },
  ];
  const pkgRef = (d: (typeof deployments)[number]) => ({
    listingVersionId: d.listingVersionId,
    packageVersionId: d.packageVersionId,
  });
  const schema = buildSubgraphSchema({
    typeDefs: parse(TEAMS_SDL),
    resolvers: {
      Query: {
        teams: () => ['payments', 'growth'].map(team),
        deployments: () => deployments.map((d) => ({ environment: d.environment, package: pkgRef(d) })),
        releases: () => [
          {
            tag: 'v1',
            artifact: { name: g1?.name },
            bundle: { appVersionId: SEED_APP_VERSION, options: { ...NO_PKI, includeApiConnections: true } },
          },
        ],
      },
      Team: {
        integrations: (t: { name: string }) =>
          [...owners].filter(([, o]) => o === t.name).map(([integrationId]) => ({ integrationId })),
      },
      Integration: {
        __resolveReference: (ref: { integrationId: string }) => ref,
        owner: (i: { integrationId: string }) => {
          const o = owners.get(i.integrationId.toLowerCase());
          return o ? team(o) : null;
        },
      },
      PackageVersion: {
        __resolveReference: (ref: { listingVersionId: string; packageVersionId: string }) => ref,
        deployments: (p: { listingVersionId: string; packageVersionId: string }) =>
          deployments
            .filter(
              (d) => d.listingVersionId === p.listingVersionId && d.packageVersionId === p.packageVersionId,
            )
            .map((d) => ({ environment: d.environment, package: pkgRef(d) })),
      },
    } as never, // @apollo/subgraph's resolver map type does not know __resolveReference's parents.
  });
  return createYoga({ schema, graphqlEndpoint: '/graphql', logging: false });
}

describe('end to end through a real router (Hive Gateway runtime)', () => {
  let gw: TestGateway;
  let teams: Server;
  let router: GatewayRuntime;
  let supergraph: string;

  beforeAll(async () => {
    gw = await startGateway({ AUTH_MODE: 'api-key', API_KEYS });
    teams = createServer(teamsSubgraph());
    await new Promise<void>((r) => teams.listen(0, '127.0.0.1', r));
    const teamsUrl = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/graphql`;
    // What `npm run supergraph` does: the SDLs composed with @theguild/federation-composition.
    supergraph = composeSupergraph([
      { name: 'vendors', sdl: SUBGRAPH_SDL, url: `${gw.url}/graphql` },
      { name: 'teams', sdl: TEAMS_SDL, url: teamsUrl },
    ]);
    router = createGatewayRuntime({
      supergraph,
      logging: false,
      // The caller's credential travels to the subgraphs, so the gateway's own auth applies.
      propagateHeaders: {
        fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
      },
    });
  });
  afterAll(async () => {
    await router?.dispose();
    await new Promise((r) => teams?.close(r));
    await gw?.close();
  });
  beforeEach(() => reset(gw));

  async function viaRouter<T>(query: string, key = ADMIN_KEY) {
    const res = await router.fetch('http://router.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as {
      data?: T | null;
      errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    };
  }

  it('composes into a supergraph with the vendor types as entities', () => {
    expect(supergraph).toMatch(/join__type\(graph: VENDORS, key: "integrationId"\)/);
    expect(supergraph).toMatch(/join__type\(graph: TEAMS, key: "integrationId"\)/);
  });

  it('joins vendor fields and the other subgraph’s fields both ways', async () => {
    const res = await viaRouter<{
      teams: {
        name: string;
        integrations: { integrationId: string; name: string; owner: { name: string } }[];
      }[];
      integrations: { edges: { node: { integrationId: string; owner: { name: string } | null } }[] };
    }>(`{
      teams { name integrations { integrationId name owner { name } } }
      integrations(first: 3) { edges { node { integrationId owner { name } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const payments = res.data?.teams.find((t) => t.name === 'payments');
    expect(payments?.integrations.map((i) => i.name)).toEqual([t1?.name, t2?.name]);
    expect(res.data?.integrations.edges.map((e) => e.node.owner?.name)).toEqual([
      'payments',
      'payments',
      'growth',
    ]);
    // The router sends two requests to the vendor subgraph (the root list, then one _entities batch
    // for the three team integrations): one Torq list call each.
    expect(callsOf(gw).torq).toBe(2);
    reset(gw);
    const only = await viaRouter<{ teams: { integrations: { name: string }[] }[] }>(
      '{ teams { integrations { name displayName } } }',
    );
    expect(only.data?.teams.flatMap((t) => t.integrations)).toHaveLength(3);
    expect(callsOf(gw).torq).toBe(1);
  });

  it('resolves deployments’ packages through the vendor subgraph and vice versa', async () => {
    const res = await viaRouter<{
      deployments: { environment: string; package: { name: string | null } | null }[];
      packageVersion: { name: string | null; deployments: { environment: string }[] } | null;
    }>(`{
      deployments { environment package { name } }
      packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name deployments { environment } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.deployments.map((d) => d.environment)).toEqual(['prod', 'staging']);
    expect(res.data?.deployments.every((d) => typeof d.package?.name === 'string')).toBe(true);
    expect(res.data?.packageVersion?.deployments).toEqual([{ environment: 'prod' }]);
  });

  it('fails only one vendor’s fields when that vendor fails', async () => {
    gw.sandboxes.oracle?.server.setFault('*', { status: 503 });
    const res = await viaRouter<{
      teams: { name: string; integrations: { name: string }[] }[];
      deployments: { environment: string; package: { name: string | null } | null }[];
    }>(`{
      teams { name integrations { name } }
      deployments { environment package { name } }
    }`);
    expect(res.data?.teams.find((t) => t.name === 'payments')?.integrations.map((i) => i.name)).toEqual([
      t1?.name,
      t2?.name,
    ]);
    expect(res.data?.deployments.map((d) => d.environment)).toEqual(['prod', 'staging']);
    // The package objects come from the teams subgraph; only their Oracle fields fail.
    expect(res.data?.deployments.map((d) => d.package)).toEqual([{ name: null }, { name: null }]);
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.vendor])).toEqual([
      ['deployments.0.package.name', 'UPSTREAM_UNAVAILABLE', 'ORACLE_CLOUD_MARKETPLACE'],
      ['deployments.1.package.name', 'UPSTREAM_UNAVAILABLE', 'ORACLE_CLOUD_MARKETPLACE'],
    ]);
  });

  it('hands out a signed download link that works when fetched from the gateway', async () => {
    const res = await viaRouter<{
      releases: { tag: string; artifact: { name: string; download: { url: string } } }[];
    }>('{ releases { tag artifact { name download { url expiresAt } } } }');
    expect(res.errors).toBeUndefined();
    const url = res.data?.releases[0]?.artifact.download.url ?? '';
    expect(url.startsWith(gw.url)).toBe(true);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    const body = (await file.json()) as { files?: unknown[] };
    expect(Array.isArray(body.files)).toBe(true);
    // versions.get (the existence check before a link is made) + the package the route streams.
    expect(callsOf(gw).google).toBe(2);
  });

  it('resolves an Akana export referenced by app version id + options (a nested key)', async () => {
    const res = await viaRouter<{
      releases: { bundle: { options: { includeApiConnections: boolean }; entries: { path: string }[] } }[];
    }>('{ releases { bundle { options { includeApiConnections } entries { path } download { url } } } }');
    expect(res.errors).toBeUndefined();
    const bundle = res.data?.releases[0]?.bundle;
    expect(bundle?.options.includeApiConnections).toBe(true);
    expect(bundle?.entries.map((e) => e.path)).toContain('exportproperties.properties');
    const exports = gw.sandboxes.akana?.server.calls('exportPackage') ?? [];
    expect(exports).toHaveLength(1);
    expect(exports[0]?.query.get('migration.export.include.api.connections')).toBe('true');
  });

  it('applies the gateway’s auth to what the router forwards', async () => {
    const anonymous = await viaRouter<{ teams: { name: string; integrations: { name: string }[] }[] }>(
      '{ teams { name integrations { name } } }',
      '',
    );
    // The teams come from the other subgraph; every field the vendor subgraph owns is refused.
    expect(anonymous.data?.teams.flatMap((t) => t.integrations.map((i) => i.name))).toEqual([
      null,
      null,
      null,
    ]);
    expect(new Set(anonymous.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(callsOf(gw).torq).toBe(0);

    const reader = await viaRouter<{
      teams: { name: string; integrations: { name: string }[] }[];
      deployments: { environment: string; package: { name: string | null } | null }[];
    }>('{ teams { name integrations { name } } deployments { environment package { name } } }', READER_KEY);
    expect(reader.data?.teams.find((t) => t.name === 'growth')?.integrations).toEqual([{ name: t3?.name }]);
    expect(reader.data?.deployments.map((d) => d.package)).toEqual([{ name: null }, { name: null }]);
    expect(reader.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['deployments.0.package.name', 'FORBIDDEN'],
      ['deployments.1.package.name', 'FORBIDDEN'],
    ]);
    expect(callsOf(gw).oracle).toBe(0);
  });
});
