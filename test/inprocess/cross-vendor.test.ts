import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { torqFixtures } from '../../src/vendors/torq/fixtures.js';
import { startGateway, type TestGateway } from '../helpers.js';

const [g1, g2] = googleFixtures();
const [t1, t2] = torqFixtures();

const QUERY = `{
  integrations(first: 3) { edges { node { name } } }
  g1: integrationVersion(name: "${g1?.name}") { state tasks { taskId } }
  g2: integrationVersion(name: "${g2?.name}") { state integrationConfig }
  o1: packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name }
  o2: packageVersion(listingVersionId: "2200000", packageVersionId: "3100000") { name }
  o3: packageVersion(listingVersionId: "2200017", packageVersionId: "3100100") { name }
  akana: appVersionExport(appVersionId: "${SEED_APP_VERSION}") { fileName entries { path } properties }
}`;

describe('one request, every vendor', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    for (const s of Object.values(gw.sandboxes)) {
      s?.server.resetLog();
      s?.server.clearFaults();
    }
  });
  const calls = () =>
    Object.fromEntries(Object.entries(gw.sandboxes).map(([k, s]) => [k, s?.server.calls().length]));

  it('answers a cross-vendor query calling each vendor the minimum number of times', async () => {
    const res = await gw.query<Record<string, unknown>, never>(QUERY);
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data ?? {}).every((v) => v !== null)).toBe(true);
    // Google: versions.get for g1 and g2 (existence + typed fields), one package call for g2's config.
    // Akana: GET /api/apps/versions/{id} (existence) and one export.
    expect(calls()).toEqual({ torq: 1, google: 3, oracle: 3, akana: 2, roma: 0 });
  });

  it('resolves nodes(ids:) of four types in one round per vendor', async () => {
    const ids = [
      encodeGlobalId('Integration', t1?.id ?? ''),
      encodeGlobalId('IntegrationVersion', g1?.name ?? ''),
      encodeGlobalId('PackageVersion', '2133526/3084832'),
      encodeGlobalId('AppVersionExport', `${SEED_APP_VERSION}|0000`),
      encodeGlobalId('Integration', t2?.id ?? ''),
      encodeGlobalId('PackageVersion', '2200000/3100000'),
    ];
    const res = await gw.query<{ nodes: ({ __typename: string; id: string } | null)[] }, never>(`{
      nodes(ids: ${JSON.stringify(ids)}) {
        __typename id
        ... on Integration { name }
        ... on IntegrationVersion { state }
        ... on PackageVersion { packageName: name }
        ... on AppVersionExport { entries { path } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.nodes.map((n) => n?.__typename)).toEqual([
      'Integration',
      'IntegrationVersion',
      'PackageVersion',
      'AppVersionExport',
      'Integration',
      'PackageVersion',
    ]);
    expect(res.data?.nodes.map((n) => n?.id)).toEqual(ids);
    // Akana: the existence check, then the export that `entries` reads.
    expect(calls()).toEqual({ torq: 1, google: 1, oracle: 2, akana: 2, roma: 0 });
  });

  it('keeps the other vendors’ data when one vendor fails', async () => {
    gw.sandboxes.oracle?.server.setFault('*', { status: 503 });
    const res = await gw.query<Record<string, unknown>, never>(QUERY);
    expect(res.data?.o1).toBeNull();
    expect(res.data?.o2).toBeNull();
    expect(res.data?.integrations).not.toBeNull();
    expect(res.data?.g1).not.toBeNull();
    expect(res.data?.akana).not.toBeNull();
    const failed = new Set((res.errors ?? []).map((e) => e.extensions?.vendor));
    expect([...failed]).toEqual(['ORACLE_CLOUD_MARKETPLACE']);
  });
});
