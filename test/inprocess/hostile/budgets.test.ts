/**
 * Per-request budgets an attacker leans on: lookups by key counted over the whole request through
 * every door (`node`, `nodes`, `_entities`; aliases, fragments, `@defer`) before any vendor call,
 * and each lookup counted in the cost; the vendor bytes one request may hold (LIMIT_VENDOR_BYTES);
 * the entries an archive's table of contents lists (LIMIT_ARCHIVE_ENTRIES).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../../src/schema/global-id.js';
import {
  MANY_ENTRIES,
  MANY_ENTRIES_APP_VERSION,
  SEED_APP_VERSION,
} from '../../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import { codes, startGateway, type TestGateway } from '../../helpers.js';
import { resetVendorLogs, vendorCalls } from './doors-helpers.js';

const packageIds = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => encodeGlobalId('PackageVersion', `2133526/${3_000_000 + from + i}`));
const packageReps = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    __typename: 'PackageVersion',
    listingVersionId: '2133526',
    packageVersionId: String(3_000_000 + from + i),
  }));

const SEL = '{ __typename }';
const ENTITY_SEL = '{ ... on PackageVersion { name } }';

describe('hostile: lookups counted per request, through every door', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());

  const refused = async (label: string, query: string, variables?: Record<string, unknown>) => {
    resetVendorLogs(gw);
    const res = await gw.query(query, variables);
    expect(codes(res), label).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.data ?? null, label).toBeNull();
    expect(vendorCalls(gw), label).toBe(0);
    return res;
  };

  it('nodes: aliases cannot multiply NODES_MAX_IDS (4 × 30 ids)', async () => {
    const res = await refused(
      'aliases',
      `query($ids: [ID!]!) { a: nodes(ids: $ids) ${SEL} b: nodes(ids: $ids) ${SEL} c: nodes(ids: $ids) ${SEL} d: nodes(ids: $ids) ${SEL} }`,
      { ids: packageIds(30) },
    );
    expect(res.errors?.[0]?.message).toMatch(/per request/);
  });

  it('nodes: a fragment spread under several aliases counts each time', async () => {
    await refused(
      'fragments',
      `query($ids: [ID!]!) { ...F  x: nodes(ids: $ids) ${SEL} }
       fragment F on Query { a: nodes(ids: $ids) ${SEL} b: nodes(ids: $ids) ${SEL} c: nodes(ids: $ids) ${SEL} }`,
      { ids: packageIds(30) },
    );
  });

  it('nodes and node: @defer parts count with the rest of the request', async () => {
    await refused(
      '@defer',
      `query($ids: [ID!]!) { a: nodes(ids: $ids) ${SEL} ... @defer { b: nodes(ids: $ids) ${SEL} } ... @defer { c: nodes(ids: $ids) ${SEL} } }`,
      { ids: packageIds(40) },
    );
    // 99 ids in nodes + 2 aliased node(id:) lookups: 101 ids.
    const [one, two] = packageIds(2, 500);
    await refused(
      'node aliases',
      `query($ids: [ID!]!) { nodes(ids: $ids) ${SEL} n1: node(id: "${one}") ${SEL} n2: node(id: "${two}") ${SEL} }`,
      { ids: packageIds(99) },
    );
  });

  it('_entities: aliases, fragments and @defer count against FEDERATION_MAX_REPRESENTATIONS', async () => {
    const reps = packageReps(30);
    const v = { reps };
    await refused(
      'aliases',
      `query($reps: [_Any!]!) { a: _entities(representations: $reps) ${ENTITY_SEL} b: _entities(representations: $reps) ${ENTITY_SEL} c: _entities(representations: $reps) ${ENTITY_SEL} d: _entities(representations: $reps) ${ENTITY_SEL} }`,
      v,
    );
    await refused(
      'fragments',
      `query($reps: [_Any!]!) { ...E ...E2 }
       fragment E on Query { a: _entities(representations: $reps) ${ENTITY_SEL} b: _entities(representations: $reps) ${ENTITY_SEL} }
       fragment E2 on Query { c: _entities(representations: $reps) ${ENTITY_SEL} d: _entities(representations: $reps) ${ENTITY_SEL} }`,
      v,
    );
    await refused(
      '@defer',
      `query($reps: [_Any!]!) { a: _entities(representations: $reps) ${ENTITY_SEL} ... @defer { b: _entities(representations: $reps) ${ENTITY_SEL} } ... @defer { c: _entities(representations: $reps) ${ENTITY_SEL} } ... @defer { d: _entities(representations: $reps) ${ENTITY_SEL} } }`,
      v,
    );
  });

  it('the same field selected twice at one path is one lookup (GraphQL merges it)', async () => {
    resetVendorLogs(gw);
    const res = await gw.query(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } nodes(ids: $ids) { __typename } }`,
      {
        ids: packageIds(60),
      },
    );
    expect(codes(res)).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('up to the limits, across aliases, is served', async () => {
    const res = await gw.query<{ a: unknown[]; b: unknown[] }, { ids: string[]; more: string[] }>(
      `query($ids: [ID!]!, $more: [ID!]!) { a: nodes(ids: $ids) ${SEL} b: nodes(ids: $more) ${SEL} }`,
      { ids: packageIds(50), more: packageIds(50, 50) },
    );
    expect(codes(res)).not.toContain('QUERY_TOO_COMPLEX');
    expect(res.data?.a).toHaveLength(50);
    expect(res.data?.b).toHaveLength(50);
  });

  it('each representation costs like a nodes id (LIMIT_COST), before any vendor call', async () => {
    await using cheap = await startGateway(
      { LIMIT_COST: '300', UPSTREAM_RETRIES: '0' },
      { sandboxes: gw.sandboxes },
    );
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) ${ENTITY_SEL} }`;
    resetVendorLogs(cheap);
    // 60 representations: 60 × 5 for the lookups + 60 × 1 for the selection = 361 > 300.
    const over = await cheap.query(q, { reps: packageReps(60) });
    expect(codes(over)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(vendorCalls(cheap)).toBe(0);
    const ok = await cheap.query(q, { reps: packageReps(10) });
    expect(codes(ok)).not.toContain('QUERY_TOO_COMPLEX');
  });
});

describe('hostile: vendor bytes held per request (LIMIT_VENDOR_BYTES)', () => {
  const [g1] = googleFixtures();
  // Distinct versions of one integration: each is its own vendor call (dataloader keys differ).
  const versionName = (i: number) =>
    (g1?.name ?? '').replace(/[0-9a-f-]{36}$/, `0000000${i}-0000-4000-8000-000000000000`);
  const PAD = 300 * 1024;

  it('fails the request over the budget with QUERY_TOO_COMPLEX while a concurrent request is served', async () => {
    await using gw = await startGateway({ LIMIT_VENDOR_BYTES: '1mb', UPSTREAM_RETRIES: '0' });
    const google = gw.sandboxes.google?.server;
    // Every versions.get answers a valid IntegrationVersion of ~300 KB, a little late so the two
    // requests overlap.
    google?.setFault('getVersion', {
      latencyMs: 150,
      jsonBody: { ...g1?.integrationVersion, name: g1?.name, description: 'x'.repeat(PAD) },
    });
    try {
      const ids = Array.from({ length: 12 }, (_, i) => encodeGlobalId('IntegrationVersion', versionName(i)));
      const [big, small] = await Promise.all([
        gw.query<{ nodes: unknown[] }, { ids: string[] }>(
          'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on IntegrationVersion { description } } }',
          {
            ids,
          },
        ),
        gw.query<{ integrationVersion: { name: string; description: string } }, { n: string }>(
          `query($n: String!) { integrationVersion(name: $n) { name description } }`,
          { n: versionName(99) },
        ),
      ]);
      // The other request (one ~300 KB answer) is served whole.
      expect(small.errors).toBeUndefined();
      expect(small.data?.integrationVersion.description).toHaveLength(PAD);
      // The greedy one holds at most the budget: 3 answers fit in 1 MB, the rest fail with the code.
      const bigCodes = codes(big);
      expect(bigCodes).toContain('QUERY_TOO_COMPLEX');
      expect(big.errors?.[0]?.message).toMatch(/LIMIT_VENDOR_BYTES/);
      const served = (big.data?.nodes ?? []).filter((n) => n !== null);
      expect(served.length).toBeLessThanOrEqual(3);
    } finally {
      google?.clearFaults();
    }
  });

  it('bounds _entities the same way (the door a router uses)', async () => {
    await using gw = await startGateway({ LIMIT_VENDOR_BYTES: '1mb', UPSTREAM_RETRIES: '0' });
    const google = gw.sandboxes.google?.server;
    google?.setFault('getVersion', {
      jsonBody: { ...g1?.integrationVersion, name: g1?.name, description: 'x'.repeat(PAD) },
    });
    try {
      const reps = Array.from({ length: 12 }, (_, i) => ({
        __typename: 'IntegrationVersion',
        name: versionName(i),
      }));
      const res = await gw.query<{ _entities: unknown[] }, { reps: typeof reps }>(
        'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on IntegrationVersion { description } } }',
        { reps },
      );
      expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
      expect((res.data?._entities ?? []).filter((e) => e !== null).length).toBeLessThanOrEqual(3);
    } finally {
      google?.clearFaults();
    }
  });

  it('serves a request under the budget unchanged', async () => {
    await using gw = await startGateway({ LIMIT_VENDOR_BYTES: '1mb', UPSTREAM_RETRIES: '0' });
    const res = await gw.query(`{ integrationVersion(name: "${g1?.name}") { name state } }`);
    expect(res.errors).toBeUndefined();
  });
});

describe('hostile: an archive table of contents is bounded (LIMIT_ARCHIVE_ENTRIES)', () => {
  const Q = `query($id: ID!) { appVersionExport(appVersionId: $id) { entries { path } entryCount entriesTruncated properties } }`;
  type Export = {
    appVersionExport: {
      entries: { path: string }[];
      entryCount: number;
      entriesTruncated: boolean;
      properties: Record<string, string> | null;
    };
  };

  it('lists at most the cap, says so, and still reads the export’s properties', async () => {
    await using gw = await startGateway({ LIMIT_ARCHIVE_ENTRIES: '100' });
    const res = await gw.query<Export, { id: string }>(Q, { id: MANY_ENTRIES_APP_VERSION });
    expect(res.errors).toBeUndefined();
    const e = res.data?.appVersionExport;
    expect(e?.entries).toHaveLength(100);
    expect(e?.entryCount).toBe(MANY_ENTRIES + 3);
    expect(e?.entriesTruncated).toBe(true);
    expect(e?.properties?.['appversion.id']).toBe(MANY_ENTRIES_APP_VERSION);
  });

  it('lists a small export whole (default cap 1000)', async () => {
    await using gw = await startGateway();
    const many = await gw.query<Export, { id: string }>(Q, { id: MANY_ENTRIES_APP_VERSION });
    expect(many.data?.appVersionExport.entries).toHaveLength(1000);
    const seed = await gw.query<Export, { id: string }>(Q, { id: SEED_APP_VERSION });
    expect(seed.errors).toBeUndefined();
    expect(seed.data?.appVersionExport.entries).toHaveLength(3);
    expect(seed.data?.appVersionExport.entryCount).toBe(3);
    expect(seed.data?.appVersionExport.entriesTruncated).toBe(false);
  });
});
