/**
 * Every door to every id-taking object, with every scope set: the root field, `node(id:)`,
 * `nodes(ids:)` and federation `_entities` (the same per-type door) apply the same scope before any vendor call, answer a forbidden id the same
 * whether it exists or not, and refuse a malformed key with BAD_USER_INPUT and no vendor call.
 * Akana exports with private keys need akana:pki on every path, and leave audit lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../../src/schema/global-id.js';
import type { Scope } from '../../../src/settings/load.js';
import { AKANA_FED, SEED_APP_VERSION } from '../../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import { ROMA_SANDBOX, type RomaSandbox } from '../../../src/vendors/roma/sandbox.js';
import { torqFixtures } from '../../../src/vendors/torq/fixtures.js';
import { codes, type GraphQLResponse, startGateway, type TestGateway } from '../../helpers.js';
import { apiKeysEnv, auth, type Caller, resetVendorLogs, scopeSets, vendorCalls } from './doors-helpers.js';

type Which = 'existing' | 'missing';

interface Target {
  name: string;
  /** Node type name; undefined for a root-only field (not a Node). */
  type?: string;
  needs: Scope[];
  root: (which: Which) => string;
  key?: (which: Which) => string;
  /** The federation representation of the same object (`_entities`). */
  rep?: (which: Which) => Record<string, unknown>;
  /** Fields that make the type's loader (and its vendor call) run. */
  selection: string;
}

const callers = scopeSets();
let archiveId = '';
const JOB_ID = 'job-doors';

const TARGETS: Target[] = [
  {
    name: 'Torq Integration',
    type: 'Integration',
    needs: ['torq:read'],
    root: (w) =>
      `{ integration(id: "${w === 'existing' ? torqFixtures()[0]?.id : '00000000-0000-4000-8000-000000000000'}") { name } }`,
    key: (w) => (w === 'existing' ? (torqFixtures()[0]?.id ?? '') : '00000000-0000-4000-8000-000000000000'),
    rep: (w) => ({
      integrationId:
        w === 'existing' ? (torqFixtures()[0]?.id ?? '') : '00000000-0000-4000-8000-000000000000',
    }),
    selection: 'name',
  },
  {
    name: 'Google IntegrationVersion',
    type: 'IntegrationVersion',
    needs: ['google:read'],
    root: (w) => `{ integrationVersion(name: "${googleName(w)}") { state } }`,
    key: googleName,
    rep: (w) => ({ name: googleName(w) }),
    selection: 'state',
  },
  {
    name: 'Oracle PackageVersion',
    type: 'PackageVersion',
    needs: ['oracle:read'],
    root: (w) =>
      w === 'existing'
        ? '{ packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name } }'
        : '{ packageVersion(listingVersionId: "1", packageVersionId: "1") { name } }',
    key: (w) => (w === 'existing' ? '2133526/3084832' : '1/1'),
    rep: (w) =>
      w === 'existing'
        ? { listingVersionId: '2133526', packageVersionId: '3084832' }
        : { listingVersionId: '1', packageVersionId: '1' },
    selection: 'name',
  },
  {
    name: 'Akana AppVersionExport',
    type: 'AppVersionExport',
    needs: ['akana:export'],
    root: (w) => `{ appVersionExport(appVersionId: "${akanaId(w)}") { entries { path } } }`,
    key: (w) => `${akanaId(w)}|0000`,
    rep: (w) => ({ appVersionId: akanaId(w), options: {} }),
    selection: 'entries { path }',
  },
  {
    name: 'Akana AppVersionExport with private keys',
    type: 'AppVersionExport',
    needs: ['akana:export', 'akana:pki'],
    root: (w) =>
      `{ appVersionExport(appVersionId: "${akanaId(w)}", options: { includeAppPki: true }) { entries { path } download { url } } }`,
    key: (w) => `${akanaId(w)}|1000`,
    rep: (w) => ({ appVersionId: akanaId(w), options: { includeAppPki: true } }),
    selection: 'entries { path } download { url }',
  },
  {
    name: 'ROMA AssetArchive (once-only download)',
    type: 'AssetArchive',
    needs: ['roma:read'],
    root: (w) => `{ assetArchive(archiveId: "${romaArchive(w)}") { size } }`,
    key: (w) => `${ROMA_SANDBOX.projectId}/${ROMA_SANDBOX.instanceId}/${romaArchive(w)}`,
    rep: (w) => ({
      projectId: ROMA_SANDBOX.projectId,
      instanceId: ROMA_SANDBOX.instanceId,
      archiveId: romaArchive(w),
    }),
    selection: 'size',
  },
  {
    name: 'ROMA assetJob (root only)',
    needs: ['roma:read'],
    root: (w) => `{ assetJob(jobId: "${w === 'existing' ? JOB_ID : 'job-missing'}") { status } }`,
    selection: 'status',
  },
];

function googleName(w: Which): string {
  return w === 'existing'
    ? (googleFixtures()[0]?.name ?? '')
    : 'projects/nobody/locations/us-central1/integrations/none/versions/1';
}
const akanaId = (w: Which) => (w === 'existing' ? SEED_APP_VERSION : `missing0.${AKANA_FED}`);
const romaArchive = (w: Which) => (w === 'existing' ? archiveId : 'missing-archive-0');

type Door = 'root' | 'node' | 'nodes' | '_entities';

function variables(t: Target, door: Door, w: Which): Record<string, unknown> | undefined {
  return door === '_entities' ? { r: [{ __typename: t.type, ...t.rep?.(w) }] } : undefined;
}

function operation(t: Target, door: Door, w: Which): string {
  if (door === 'root') return t.root(w);
  // _entities takes its representation as the variable `r` (see `variables`).
  if (door === '_entities')
    return `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${t.type} { ${t.selection} } } }`;
  const id = encodeGlobalId(t.type ?? '', t.key?.(w) ?? '');
  const sel = `... on ${t.type} { ${t.selection} }`;
  return door === 'node' ? `{ node(id: "${id}") { ${sel} } }` : `{ nodes(ids: ["${id}"]) { ${sel} } }`;
}

/** What a caller can compare between two answers: data, and each error's message, code and path. */
function shape(res: GraphQLResponse<unknown>) {
  return {
    status: res.status,
    data: res.data,
    errors: (res.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })),
  };
}

describe('hostile: one door, one rule, for every id-taking field', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ AUTH_MODE: 'api-key', API_KEYS: apiKeysEnv(callers) });
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    archiveId = roma.addArchive(Buffer.from('{"apps":"a","tasks":[]}'), 'application/json');
    roma.jobs.set(JOB_ID, { id: JOB_ID, started: 0, appIds: ['a'], taskIds: [] });
  });
  afterAll(() => gw.close());

  for (const t of TARGETS) {
    for (const door of ['root', 'node', 'nodes', '_entities'] as Door[]) {
      if (door !== 'root' && !t.type) continue;
      it(`${t.name} through ${door}: every scope set`, async () => {
        for (const c of callers) {
          const allowed = t.needs.every((s) => c.scopes.includes(s));
          const answers: Record<Which, GraphQLResponse<Record<string, unknown>>> = {} as never;
          for (const w of ['existing', 'missing'] as Which[]) {
            resetVendorLogs(gw);
            answers[w] = await gw.query(operation(t, door, w), variables(t, door, w), auth(c));
            if (!allowed) {
              expect(vendorCalls(gw), `${c.name} ${w}: no vendor call`).toBe(0);
              expect(codes(answers[w]), `${c.name} ${w}`).toEqual(['FORBIDDEN']);
              expect(JSON.stringify(answers[w].data)).not.toMatch(/"(name|state|size|entries|status)"/);
            } else {
              expect(codes(answers[w]), `${c.name} ${w}`).not.toContain('FORBIDDEN');
            }
          }
          if (!allowed) {
            // Nothing tells a forbidden caller whether the object exists.
            expect(shape(answers.missing), c.name).toEqual(shape(answers.existing));
          } else {
            expect(answers.existing.errors, c.name).toBeUndefined();
            expect(JSON.stringify(answers.existing.data)).toMatch(/"(name|state|size|entries|status)"/);
          }
        }
      });
    }
  }

  it('nodes(ids:) fails a forbidden id in its own item only, and loads the rest', async () => {
    const torqOnly = callers.find((c) => c.name === 'only-torq-read') as Caller;
    const romaId = encodeGlobalId(
      'AssetArchive',
      `${ROMA_SANDBOX.projectId}/${ROMA_SANDBOX.instanceId}/${archiveId}`,
    );
    const torqId = encodeGlobalId('Integration', torqFixtures()[1]?.id ?? '');
    resetVendorLogs(gw);
    const res = await gw.query<{ nodes: unknown[] }, never>(
      `{ nodes(ids: ["${romaId}", "${torqId}"]) { id ... on Integration { name } ... on AssetArchive { size } } }`,
      undefined,
      auth(torqOnly),
    );
    expect(res.data?.nodes[0]).toBeNull();
    expect(res.data?.nodes[1]).toMatchObject({ name: torqFixtures()[1]?.name });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['nodes', 0], 'FORBIDDEN']]);
    expect(gw.sandboxes.roma?.server.calls()).toHaveLength(0);
  });

  it('refuses a malformed key with BAD_USER_INPUT before any vendor call, on node and nodes', async () => {
    const all = callers.find((c) => c.name === 'all') as Caller;
    const bad: [string, string][] = [
      ['Integration', 'not-a-uuid'],
      ['IntegrationVersion', 'projects/x'],
      ['PackageVersion', 'x/y'],
      ['PackageVersion', '1/2/3'],
      ['AppVersionExport', 'no-fed-member|0000'],
      ['AppVersionExport', `${SEED_APP_VERSION}|2`],
      ['AppVersionExport', SEED_APP_VERSION],
      ['AssetArchive', 'a/b'],
      ['AssetArchive', `${ROMA_SANDBOX.projectId}/${ROMA_SANDBOX.instanceId}/../x`],
      ['VendorStatus', 'TORQ'],
      ['Query', 'x'],
      ['Nope', 'x'],
    ];
    for (const [type, key] of bad) {
      const id = encodeGlobalId(type, key);
      resetVendorLogs(gw);
      const one = await gw.query(`{ node(id: "${id}") { id } }`, undefined, auth(all));
      expect(codes(one), `${type}:${key}`).toEqual(['BAD_USER_INPUT']);
      const many = await gw.query(`{ nodes(ids: ["${id}"]) { id } }`, undefined, auth(all));
      expect(codes(many), `${type}:${key}`).toEqual(['BAD_USER_INPUT']);
      expect(vendorCalls(gw), `${type}:${key}`).toBe(0);
    }
  });

  it('audits a PKI export reached through node(id), its link, and its download', async () => {
    const pki = callers.find((c) => c.name === 'akana-pki') as Caller;
    const id = encodeGlobalId('AppVersionExport', `${SEED_APP_VERSION}|1000`);
    gw.logs.length = 0;
    const res = await gw.query<{ node: { download: { url: string } } }, never>(
      `{ node(id: "${id}") { ... on AppVersionExport { download { url } } } }`,
      undefined,
      auth(pki),
    );
    expect(res.errors).toBeUndefined();
    const file = await fetch(res.data?.node.download.url ?? '');
    expect(file.status).toBe(200);
    await file.arrayBuffer();
    const audits = gw.logs
      .filter((l) => l.includes('"audit"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audits.map((a) => a.audit)).toEqual([
      'akana.pki_export',
      'akana.pki_export_link',
      'akana.pki_export_download',
    ]);
    expect(audits[0]).toMatchObject({ caller: 'key:akana-pki', appVersionId: SEED_APP_VERSION });
  });
});

describe('hostile: the anonymous default never gets private keys', () => {
  it('refuses a hand-made PKI global id on node and nodes: no listing, no link, no Akana call', async () => {
    await using gw = await startGateway();
    for (const flags of ['1000', '0100', '1100', '1111']) {
      const id = encodeGlobalId('AppVersionExport', `${SEED_APP_VERSION}|${flags}`);
      resetVendorLogs(gw);
      const node = await gw.query(
        `{ node(id: "${id}") { ... on AppVersionExport { entries { path } download { url } } } }`,
      );
      expect(codes(node)).toEqual(['FORBIDDEN']);
      expect(node.data).toEqual({ node: null });
      const nodes = await gw.query(
        `{ nodes(ids: ["${id}"]) { ... on AppVersionExport { entries { path } download { url } } } }`,
      );
      expect(codes(nodes)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(nodes)).not.toContain('pki/');
      expect(JSON.stringify(nodes)).not.toContain('/downloads/');
      expect(vendorCalls(gw)).toBe(0);
    }
    expect(gw.logs.join('\n')).not.toContain('pki_export');
  });

  it('gates vendors { baseUrl } behind the admin scope', async () => {
    await using gw = await startGateway();
    const res = await gw.query<{ vendors: { vendor: string; baseUrl: string | null }[] }, never>(
      '{ vendors { vendor baseUrl } }',
    );
    expect(res.data?.vendors.every((v) => v.baseUrl === null)).toBe(true);
    expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(res)).not.toContain('127.0.0.1');
    const plain = await gw.query('{ vendors { vendor mode } }');
    expect(plain.errors).toBeUndefined();
    await using admin = await startGateway({ ANONYMOUS_SCOPES: 'torq:read admin' });
    const seen = await admin.query<{ vendors: { baseUrl: string | null }[] }, never>(
      '{ vendors { baseUrl } }',
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.vendors.some((v) => v.baseUrl?.startsWith('http://127.0.0.1'))).toBe(true);
  });
});
