/**
 * `nodes(ids:)` and `_entities` as the README promises: a failed id fails only itself (its item
 * null, an error with its path), for types that load one object per vendor call (Google
 * IntegrationVersion, ROMA AssetArchive, Akana AppVersionExport) as for batched ones.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { ROMA_SANDBOX, type RomaSandbox, SEED_ARCHIVE } from '../../src/vendors/roma/sandbox.js';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import { startGateway, type TestGateway } from '../helpers.js';

const [g1, g2, g3] = googleFixtures();
const Q = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';
type Nodes = { nodes: ({ __typename: string; id: string } | null)[] };

describe('nodes(ids:): one failing item fails only itself', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    for (const s of Object.values(gw.sandboxes)) (s?.server as SandboxServer | undefined)?.clearFaults();
  });

  it('Google: a vendor 500 on one version nulls that item only', async () => {
    const ids = [g1, g2, g3].map((g) => encodeGlobalId('IntegrationVersion', g?.name ?? ''));
    (gw.sandboxes.google?.server as SandboxServer).setFault('getVersion', { status: 500, times: 1 });
    const res = await gw.query<Nodes, { ids: string[] }>(Q, { ids });
    expect(res.data?.nodes).toHaveLength(3);
    const failed = (res.data?.nodes ?? []).flatMap((n, i) => (n === null ? [i] : []));
    expect(failed).toHaveLength(1);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', failed[0]], 'UPSTREAM_UNAVAILABLE'],
    ]);
    for (const [i, n] of (res.data?.nodes ?? []).entries()) if (i !== failed[0]) expect(n?.id).toBe(ids[i]);
  });

  it('ROMA: an archive ROMA already handed out fails its item; the others are served', async () => {
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    const taken = roma.addArchive(Buffer.from('{"apps":[]}'));
    const archive = roma.archives.get(taken);
    if (archive) archive.consumed = true; // downloaded by someone else: ROMA refuses it now
    const key = (id: string) => `${ROMA_SANDBOX.projectId}/${ROMA_SANDBOX.instanceId}/${id}`;
    const ids = [
      encodeGlobalId('AssetArchive', key(SEED_ARCHIVE)),
      encodeGlobalId('AssetArchive', key(taken)),
    ];
    const res = await gw.query<Nodes, { ids: string[] }>(Q, { ids });
    expect(res.data?.nodes?.[0]?.id).toBe(ids[0]);
    expect(res.data?.nodes?.[1]).toBeNull();
    expect(res.errors?.map((e) => e.path)).toEqual([['nodes', 1]]);
    expect(res.errors?.[0]?.extensions?.code).toBe('ARCHIVE_ALREADY_CONSUMED');
  });

  it('Akana: a vendor 500 on one export nulls that item only, next to a Google one', async () => {
    (gw.sandboxes.akana?.server as SandboxServer).setFault('*', { status: 500 });
    const ids = [
      encodeGlobalId('IntegrationVersion', g1?.name ?? ''),
      encodeGlobalId('AppVersionExport', `${SEED_APP_VERSION}|0000`),
    ];
    const res = await gw.query<Nodes, { ids: string[] }>(Q, { ids });
    expect(res.data?.nodes?.[0]?.id).toBe(ids[0]);
    expect(res.data?.nodes?.[1]).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 1], 'UPSTREAM_UNAVAILABLE'],
    ]);
  });

  // _entities resolves each representation on its own (schema/federation.ts): the same promise
  // through the other door, kept so both stay alike.
  it('_entities: a vendor 500 on one representation nulls that entity only', async () => {
    (gw.sandboxes.google?.server as SandboxServer).setFault('getVersion', { status: 500, times: 1 });
    const representations = [g1, g2].map((g) => ({ __typename: 'IntegrationVersion', name: g?.name }));
    const res = await gw.query<{ _entities: ({ name: string } | null)[] }, { representations: unknown[] }>(
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on IntegrationVersion { name } } }',
      { representations },
    );
    const got = res.data?._entities ?? [];
    expect(got).toHaveLength(2);
    const failed = got.flatMap((e, i) => (e === null ? [i] : []));
    expect(failed).toHaveLength(1);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', failed[0]], 'UPSTREAM_UNAVAILABLE'],
    ]);
    expect(got[1 - (failed[0] ?? 0)]?.name).toBe(representations[1 - (failed[0] ?? 0)]?.name);
  });
});
