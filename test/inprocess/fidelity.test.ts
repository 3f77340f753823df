/**
 * Vendor fidelity: each emulator answers the way the vendor's published reference says (every
 * documented edition where they disagree), and the gateway reads every one of those forms. Also
 * the one "not found" rule, for all five types, through the root field, `node` and `nodes`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scrubDetails } from '../../src/http/vendor-http.js';
import { loadSettings, SettingsError } from '../../src/settings/load.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { type AkanaSandbox, AKANA_SANDBOX } from '../../src/vendors/akana/sandbox.js';
import { SEED_APP_VERSION, AKANA_FED } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { GOOGLE_SANDBOX, type GoogleSandbox } from '../../src/vendors/google/sandbox.js';
import { isSecretProperty } from '../../src/vendors/masking.js';
import { SEED_LISTING, SEED_PACKAGE } from '../../src/vendors/oracle/fixtures.js';
import { parseJob } from '../../src/vendors/roma/parse.js';
import { ROMA_SANDBOX, type RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { torqFixtures } from '../../src/vendors/torq/fixtures.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let gw: TestGateway;
let roma: RomaSandbox;
let google: GoogleSandbox;
let torq: TorqSandbox;
let akana: AkanaSandbox;

beforeAll(async () => {
  gw = await startGateway();
  roma = gw.sandboxes.roma?.server as RomaSandbox;
  google = gw.sandboxes.google?.server as GoogleSandbox;
  torq = gw.sandboxes.torq?.server as TorqSandbox;
  akana = gw.sandboxes.akana?.server as AkanaSandbox;
  roma.jobMs = 150;
});
afterAll(() => gw.close());
beforeEach(() => {
  for (const s of Object.values(gw.sandboxes)) {
    s?.server.resetLog();
    s?.server.clearFaults();
  }
  roma.edition = 'current';
  roma.archiveIdInEntities = false;
});

const JOB = `query Job($jobId: String!) {
  assetJob(jobId: $jobId) {
    jobId type status vendorStatus progress progressPercent archiveId beginTime endTime raw
    reasons { resourceType resourceName errorCode errorMsg }
  }
}`;
const JOB_ARCHIVE = `query JobArchive($jobId: String!) { assetJob(jobId: $jobId) { status archiveId archive { archiveId sha256 } } }`;
const EXPORT = `mutation Export($input: ExportAssetsInput!) { exportAssets(input: $input) { jobId } }`;

interface JobData {
  assetJob: {
    jobId: string;
    type: string | null;
    status: string;
    vendorStatus: string | null;
    progress: number | null;
    progressPercent: number | null;
    archiveId: string | null;
    beginTime: string | null;
    endTime: string | null;
    raw: Record<string, unknown>;
    reasons: { resourceType: string | null; resourceName: string | null }[];
  } | null;
}

async function exportJob(input: Record<string, unknown>): Promise<string> {
  const res = await gw.query<{ exportAssets: { jobId: string } }, Record<string, unknown>>(EXPORT, { input });
  expect(res.errors).toBeUndefined();
  return res.data?.exportAssets.jobId ?? '';
}

async function finished(jobId: string): Promise<JobData['assetJob']> {
  for (let i = 0; i < 50; i++) {
    const res = await gw.query<JobData, { jobId: string }>(JOB, { jobId });
    expect(res.errors).toBeUndefined();
    if (res.data?.assetJob?.status !== 'RUNNING') return res.data?.assetJob ?? null;
    await sleep(50);
  }
  throw new Error('job never finished');
}

describe('ROMA export jobs follow ExportAsset and CheckAssetJobStatus', () => {
  it('sends {"apps":[{"id"}],"tasks":[{"id"}]}, both arrays, [] when empty', async () => {
    const jobId = await exportJob({ appIds: ['app-orders', 'app-crm'] });
    const call = roma.calls('exportAssets')[0];
    expect(call).toBeDefined();
    await finished(jobId);
    const jobId2 = await exportJob({ taskIds: ['task-1'] });
    await finished(jobId2);
    const bodies = roma.jobs;
    expect(bodies.get(jobId)).toMatchObject({ appIds: ['app-orders', 'app-crm'], taskIds: [] });
    expect(bodies.get(jobId2)).toMatchObject({ appIds: [], taskIds: ['task-1'] });
    // The emulator holds the gateway to the reference: the old `{app_ids, task_ids}` form is refused.
    const old = await fetch(
      `${roma.url}/v2/${ROMA_SANDBOX.projectId}/instances/${ROMA_SANDBOX.instanceId}/assets/export`,
      {
        method: 'POST',
        headers: { 'x-auth-token': ROMA_SANDBOX.token, 'content-type': 'application/json' },
        body: JSON.stringify({ app_ids: ['app-orders'], task_ids: [] }),
      },
    );
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ error_msg: expect.stringMatching(/apps and tasks/) });
  });

  it('refuses more than 100 apps and tasks together before any call', async () => {
    const res = await gw.query(EXPORT, {
      input: {
        appIds: Array.from({ length: 60 }, (_, i) => `a${i}`),
        taskIds: Array.from({ length: 41 }, (_, i) => `t${i}`),
      },
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(roma.calls('exportAssets')).toHaveLength(0);
  });

  it('maps ROMA’s refusal of a second running job to RATE_LIMITED with its vendorCode', async () => {
    const first = await exportJob({ appIds: ['app-one'] });
    // The first job must still run when the second is asked for, however slow the machine is.
    roma.jobMs = 60_000;
    const second = await gw.query(EXPORT, { input: { appIds: ['app-two'] } });
    roma.jobMs = 150;
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      vendor: 'HUAWEI_ROMA_CONNECT',
      httpStatus: 403,
      vendorCode: 'ROMA.00000403',
    });
    expect(second.errors?.[0]?.message).toMatch(/one asset export job/);
    expect(roma.calls('exportAssets')).toHaveLength(2); // a POST is never retried
    await finished(first);
  });

  it('reads the current edition: SUCCEEDED, progress 0–1, top-level archive_id, string times, reason[]', async () => {
    const jobId = await exportJob({ appIds: ['app-orders'] });
    const running = await gw.query<JobData, { jobId: string }>(JOB, { jobId });
    expect(running.data?.assetJob).toMatchObject({ status: 'RUNNING', type: 'exportAsset', endTime: null });
    expect(running.data?.assetJob?.progress).toBeGreaterThanOrEqual(0);
    expect(running.data?.assetJob?.progress).toBeLessThan(1);
    const job = await finished(jobId);
    expect(job).toMatchObject({
      jobId,
      type: 'exportAsset',
      status: 'SUCCEEDED',
      vendorStatus: 'SUCCEEDED',
      progress: 1,
      progressPercent: 100,
    });
    expect(typeof job?.raw.begin_time).toBe('string');
    expect(job?.raw.archive_id).toBe(job?.archiveId);
    expect(Date.parse(job?.endTime ?? '')).toBeGreaterThanOrEqual(Date.parse(job?.beginTime ?? ''));

    const failed = await finished(await exportJob({ appIds: ['fail-app'] }));
    expect(failed?.status).toBe('FAILED');
    expect(failed?.raw.reason).toBeDefined();
    expect(failed?.reasons).toHaveLength(1);
    expect(failed?.reasons[0]).toMatchObject({ resourceType: 'application', resourceName: 'fail-app' });
  });

  it('reads the older edition: Success → Finished after the download, numeric times, reasons[]', async () => {
    roma.edition = 'legacy';
    const jobId = await exportJob({ appIds: ['app-legacy'], taskIds: ['task-9'] });
    const job = await finished(jobId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', vendorStatus: 'Success' });
    expect(typeof job?.raw.begin_time).toBe('number');
    expect(new Date(job?.beginTime ?? 0).getTime()).toBe(job?.raw.begin_time);
    // The gateway takes the one download into its vault…
    const taken = await gw.query<
      { assetJob: { archive: { archiveId: string; sha256: string } | null } },
      { jobId: string }
    >(JOB_ARCHIVE, { jobId });
    expect(taken.errors).toBeUndefined();
    const archiveId = taken.data?.assetJob.archive?.archiveId ?? '';
    // …after which ROMA reports Finished without archive_id: the gateway says so, clearly.
    const after = await gw.query<JobData, { jobId: string }>(JOB, { jobId });
    expect(after.data?.assetJob).toMatchObject({
      status: 'FINISHED',
      vendorStatus: 'Finished',
      archiveId: null,
    });
    // This gateway saw the archive id: the job still leads to the kept copy, with no vendor call.
    const archive = await gw.query<
      { assetJob: { archive: { archiveId: string; sha256: string } | null } },
      { jobId: string }
    >(JOB_ARCHIVE, { jobId });
    expect(archive.errors).toBeUndefined();
    expect(archive.data?.assetJob.archive).toEqual(taken.data?.assetJob.archive);
    // A gateway that never saw it (another replica, a restart) can only say "consumed".
    await using other = await startGateway({}, { sandboxes: gw.sandboxes });
    const unknown = await other.query(JOB_ARCHIVE, { jobId });
    expect(codes(unknown)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
    // The kept copy stays readable by its id.
    const kept = await gw.query<{ assetArchive: { sha256: string } | null }, { id: string }>(
      'query K($id: String!) { assetArchive(archiveId: $id) { sha256 } }',
      { id: archiveId },
    );
    expect(kept.data?.assetArchive?.sha256).toBe(taken.data?.assetJob.archive?.sha256);
    expect(roma.calls('downloadArchive')).toHaveLength(1);

    const failed = await finished(await exportJob({ appIds: ['fail-old'] }));
    expect(failed).toMatchObject({ status: 'FAILED', vendorStatus: 'Failed' });
    expect(failed?.raw.reasons).toBeDefined();
    expect(failed?.reasons[0]).toMatchObject({ resourceType: 'application', resourceName: 'fail-old' });
  });

  it('accepts the archive id as entities.archive_id (the download page’s name)', async () => {
    roma.archiveIdInEntities = true;
    const job = await finished(await exportJob({ appIds: ['app-entities'] }));
    expect(job?.raw.archive_id).toBeUndefined();
    expect(job?.archiveId).toBe((job?.raw.entities as { archive_id?: string }).archive_id);
    expect(job?.archiveId).toMatch(/^arc-/);
  });

  it('parses every documented form of a job body', () => {
    const seconds = parseJob('j', {
      status: 'Running',
      progress_percent: '0.35',
      begin_time: 1_575_614_944,
      end_time: '1575615004000',
      entities: { archive_id: 'a1' },
    });
    expect(seconds).toMatchObject({ status: 'RUNNING', progress: 0.35, archiveId: 'a1' });
    expect(seconds.beginTime?.toISOString()).toBe('2019-12-06T06:49:04.000Z');
    expect(seconds.endTime?.toISOString()).toBe('2019-12-06T06:50:04.000Z');
    expect(parseJob('j', { status: 'Finished', archive_id: 'gone' })).toMatchObject({
      status: 'FINISHED',
      archiveId: null,
    });
    expect(parseJob('j', { status: 'PAUSED', progress_percent: 35 })).toMatchObject({
      status: 'UNKNOWN',
      rawStatus: 'PAUSED',
      progress: 0.35,
    });
  });
});

describe('not found is null, on every type, through the root field, node and nodes', () => {
  const unknownUuid = '00000000-0000-4000-8000-000000000000';
  const unknownVersion = 'projects/acme-prod/locations/us-central1/integrations/order-sync/versions/nope';
  const unknownApp = `nosuchapp.${AKANA_FED}`;
  const ids = {
    Integration: encodeGlobalId('Integration', unknownUuid),
    IntegrationVersion: encodeGlobalId('IntegrationVersion', unknownVersion),
    PackageVersion: encodeGlobalId('PackageVersion', `${SEED_LISTING}/999999`),
    AppVersionExport: encodeGlobalId('AppVersionExport', `${unknownApp}|0000`),
    AssetArchive: encodeGlobalId(
      'AssetArchive',
      `${ROMA_SANDBOX.projectId}/${ROMA_SANDBOX.instanceId}/arc-typo`,
    ),
  };

  it('root fields answer null with no error', async () => {
    const res = await gw.query(`{
      integration(id: "${unknownUuid}") { id }
      integrationVersion(name: "${unknownVersion}") { id download { url } integrationFileDownload { url } }
      packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "999999") { id }
      appVersionExport(appVersionId: "${unknownApp}") { id download { url } }
      assetArchive(archiveId: "arc-typo") { id download { url } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      integration: null,
      integrationVersion: null,
      packageVersion: null,
      appVersionExport: null,
      assetArchive: null,
    });
    // Nothing was downloaded or exported for objects that do not exist.
    expect(google.calls('downloadJsonPackage')).toHaveLength(0);
    expect(akana.calls('exportPackage')).toHaveLength(0);
  });

  for (const [type, id] of Object.entries(ids)) {
    it(`node(id:) of an unknown ${type} is null with no error`, async () => {
      const res = await gw.query<{ node: unknown }, { id: string }>(
        'query N($id: ID!) { node(id: $id) { id } }',
        { id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.node).toBeNull();
    });
  }

  it('nodes(ids:) answers null in place for each unknown one, next to known ones', async () => {
    const known = [
      encodeGlobalId('Integration', (torqFixtures()[0]?.id ?? '').toLowerCase()),
      encodeGlobalId('IntegrationVersion', googleFixtures()[0]?.name ?? ''),
      encodeGlobalId('PackageVersion', `${SEED_LISTING}/${SEED_PACKAGE}`),
      encodeGlobalId('AppVersionExport', `${SEED_APP_VERSION}|0000`),
    ];
    const all = [...Object.values(ids), ...known];
    const res = await gw.query<{ nodes: ({ id: string } | null)[] }, { ids: string[] }>(
      'query NS($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: all },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.nodes).toEqual([null, null, null, null, null, ...known.map((id) => ({ id }))]);
  });

  it('checks Google versions once per distinct name per request (batched, deduplicated)', async () => {
    const names = googleFixtures()
      .slice(0, 3)
      .map((f) => f.name);
    const res = await gw.query<{ nodes: unknown[] }, { ids: string[] }>(
      'query NS($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [...names, ...names].map((n) => encodeGlobalId('IntegrationVersion', n)) },
    );
    expect(res.errors).toBeUndefined();
    expect(google.calls('getVersion')).toHaveLength(3);
  });
});

describe('Google: file types, the integration file, and the IAM 403', () => {
  const v = googleFixtures()[1];
  const name = v?.name ?? '';

  it('keeps a version readable when a file has an unspecified or newer type', async () => {
    google.extraFiles = [
      { type: 'INTEGRATION_FILE_UNSPECIFIED' },
      { type: 'TEST_CASE', testCase: { displayName: 'happy path' } },
    ];
    try {
      const res = await gw.query<
        {
          integrationVersion: {
            state: string;
            files: { type: string; typeName: string; content: unknown }[];
            raw: Record<string, unknown>;
          };
        },
        { name: string }
      >(
        'query F($name: String!) { integrationVersion(name: $name) { state raw files { type typeName content } } }',
        { name },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.integrationVersion.files.map((f) => [f.type, f.typeName])).toEqual([
        ['INTEGRATION', 'INTEGRATION'],
        ['INTEGRATION_CONFIG_VARIABLES', 'INTEGRATION_CONFIG_VARIABLES'],
        ['UNSPECIFIED', 'INTEGRATION_FILE_UNSPECIFIED'],
        ['UNSPECIFIED', 'TEST_CASE'],
      ]);
      expect(res.data?.integrationVersion.files[3]?.content).toEqual({ displayName: 'happy path' });
      expect(res.data?.integrationVersion.raw.name).toBe(name);
      const only = await gw.query<
        { integrationVersion: { files: { typeName: string }[] } },
        { name: string }
      >(
        'query F($name: String!) { integrationVersion(name: $name) { files(types: [UNSPECIFIED]) { typeName } } }',
        { name },
      );
      expect(only.data?.integrationVersion.files.map((f) => f.typeName)).toEqual([
        'INTEGRATION_FILE_UNSPECIFIED',
        'TEST_CASE',
      ]);
    } finally {
      google.extraFiles = [];
    }
  });

  it('offers the Console’s integration file, named after the integration, re-uploadable as is', async () => {
    const res = await gw.query<
      { integrationVersion: { integrationFileDownload: { url: string } } },
      { name: string }
    >('query D($name: String!) { integrationVersion(name: $name) { integrationFileDownload { url } } }', {
      name,
    });
    expect(res.errors).toBeUndefined();
    expect(google.calls('downloadJsonPackage')).toHaveLength(0);
    const file = await fetch(res.data?.integrationVersion.integrationFileDownload.url ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${name.split('/')[5]}.json"`);
    expect(await file.json()).toEqual(v?.integrationVersion);
    expect(google.calls('downloadJsonPackage')[0]?.query.getAll('files')).toEqual(['INTEGRATION']);
  });

  it('answers the documented 403 when the caller lacks integrations.integrationVersions.get', async () => {
    await using denied = await startGateway({
      GOOGLE_INTEGRATIONS_BASE_URL: google.url,
      GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.deniedToken,
    });
    const res = await denied.query<{ integrationVersion: unknown }, { name: string }>(
      'query V($name: String!) { integrationVersion(name: $name) { state } }',
      { name },
    );
    expect(res.data?.integrationVersion).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_FORBIDDEN',
      vendor: 'GOOGLE_APPLICATION_INTEGRATION',
      httpStatus: 403,
      vendorCode: 'PERMISSION_DENIED',
      details: [
        { reason: 'IAM_PERMISSION_DENIED', metadata: { permission: 'integrations.integrationVersions.get' } },
      ],
    });
    expect(res.errors?.[0]?.message).toMatch(/integrations\.integrationVersions\.get/);
  });
});

describe('Oracle: masking by what a value is, typed PackageVersion fields, ORACLE_USER_ID', () => {
  it('masks passwords, secrets, tokens and private/API keys, and nothing else', () => {
    const secret = [
      'KEY_PASSWORD',
      'adminPassword',
      'API_TOKEN',
      'CLIENT_SECRET',
      'SSH_PRIVATE_KEY',
      'apiKey',
      'API_KEY_VALUE',
      'db.passphrase',
    ];
    const visible = [
      'KEY',
      'KEY_USER',
      'TOKEN_URL',
      'SECRET_NAME',
      'PASSWORD_POLICY',
      'KEYSTORE_TYPE',
      'PUBLIC_KEY',
      'MONKEY',
    ];
    for (const n of secret) expect(isSecretProperty(n, 'x1'), n).toBe(true);
    for (const n of visible) expect(isSecretProperty(n, 'x1'), n).toBe(false);
    expect(isSecretProperty('NOTES', '-----BEGIN RSA PRIVATE KEY-----\nMII…')).toBe(true);
    expect(isSecretProperty('API_TOKEN', '${apiToken}')).toBe(false);
  });

  const Q = `{ packageVersion(listingVersionId: "2200017", packageVersionId: "3100101") {
    code deploymentMode owner partnerName description displayName namespacePrefix
    resources { id name type description raw } downloadablePackageResource { name type }
    dependentServices { standardProperties }
    actions { requestProperties { name value masked } } raw } }`;
  interface PV {
    packageVersion: {
      code: string;
      deploymentMode: string;
      owner: string;
      partnerName: string;
      resources: { name: string; raw: Record<string, unknown> }[];
      dependentServices: { standardProperties: unknown }[];
      downloadablePackageResource: { name: string; type: string };
      actions: { requestProperties: { name: string; value: string; masked: boolean }[] }[];
      raw: { actions: { requestProperties: { name: string; value: string }[] }[] };
    };
  }

  it('types the documented fields and masks raw exactly like the typed fields, both directions', async () => {
    const res = await gw.query<PV, never>(Q);
    expect(res.errors).toBeUndefined();
    const p = res.data?.packageVersion;
    expect(p).toMatchObject({
      code: 'CONN2-1',
      deploymentMode: 'MANAGED',
      owner: 'partner@acme.example',
      partnerName: 'Acme Connectors',
      downloadablePackageResource: { name: 'connector-2.1.zip', type: 'PACKAGE' },
    });
    expect(p?.resources[0]?.name).toBe('install-guide.pdf');
    expect(p?.dependentServices[0]?.standardProperties).toEqual([
      { name: 'DB_VERSION', value: '19c' },
      { name: 'SYS_PASSWORD', value: '********' },
    ]);
    const typed = Object.fromEntries((p?.actions[0]?.requestProperties ?? []).map((r) => [r.name, r.value]));
    const raw = Object.fromEntries(
      (p?.raw.actions[0]?.requestProperties ?? []).map((r) => [r.name, r.value]),
    );
    expect(raw).toEqual(typed);
    expect(typed).toMatchObject({
      DB_NAME: 'conn1db',
      ADMIN_PASSWORD: '${adminPassword}',
      API_TOKEN: '********',
      SSH_PRIVATE_KEY: '********',
      TOKEN_URL: 'https://idcs.example.com/oauth2/v1/token',
    });

    await using privileged = await startGateway(
      { ANONYMOUS_SCOPES: 'oracle:read,secrets:read' },
      { sandboxes: gw.sandboxes },
    );
    const open = await privileged.query<PV, never>(Q);
    const openRaw = Object.fromEntries(
      (open.data?.packageVersion.raw.actions[0]?.requestProperties ?? []).map((r) => [r.name, r.value]),
    );
    expect(openRaw.API_TOKEN).toBe('tok-2200017-3100101');
    expect(openRaw.SSH_PRIVATE_KEY).toBe('pk-3100101');
  });

  it('refuses to start LIVE Oracle without ORACLE_USER_ID, naming the setting', () => {
    const env = { ORACLE_ACCESS_TOKEN: 't', ALLOW_ANONYMOUS: 'true' };
    expect(() => loadSettings(env)).toThrow(SettingsError);
    expect(() => loadSettings(env)).toThrow(/ORACLE_USER_ID/);
    expect(loadSettings({ ...env, ORACLE_USER_ID: 'partner@acme.example' }).oracle.userId).toBe(
      'partner@acme.example',
    );
  });
});

describe('Torq: items without a name, error details', () => {
  it('keeps an integration Torq sends without a name, with name null and raw as sent', async () => {
    const id = '7f1d1a52-0b2a-4f61-9d7e-2c4a8f3e9b10';
    torq.extraIntegrations = [{ id, type_id: 'webhook', display_name: 'Unnamed' }];
    try {
      const res = await gw.query<
        { integration: { name: string | null; displayName: string; raw: Record<string, unknown> } | null },
        never
      >(`{ integration(id: "${id}") { name displayName raw } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.integration).toEqual({
        name: null,
        displayName: 'Unnamed',
        raw: { id, type_id: 'webhook', display_name: 'Unnamed' },
      });
    } finally {
      torq.extraIntegrations = [];
    }
  });

  it('reads times and URLs when asked, as before: every documented form, unreadable → null', async () => {
    const ids = ['0b6f2b1e-3c1d-4e6a-9a10-000000000001', '0b6f2b1e-3c1d-4e6a-9a10-000000000002'];
    torq.extraIntegrations = [
      {
        id: ids[0],
        created_at: '2022-09-16T08:40:18Z',
        last_used_at: 1_575_614_944, // epoch seconds
        details: { trigger: { webhook_url: 'https://hooks.example/a b' } },
      },
      {
        id: ids[1],
        created_at: 'not a date',
        last_used_at: '',
        details: { trigger: { webhook_url: 'nope' } },
      },
    ];
    try {
      const res = await gw.query<Record<string, unknown>, never>(
        `{ ${ids.map((id, i) => `i${i}: integration(id: "${id}") { createdAt lastUsedAt webhookUrl }`).join(' ')} }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        i0: {
          createdAt: '2022-09-16T08:40:18.000Z',
          lastUsedAt: '2019-12-06T06:49:04.000Z',
          webhookUrl: 'https://hooks.example/a%20b',
        },
        i1: { createdAt: null, lastUsedAt: null, webhookUrl: null },
      });
    } finally {
      torq.extraIntegrations = [];
    }
  });

  it('fails the list naming the field when an item is misshapen anywhere in the body, even off the page', async () => {
    torq.extraIntegrations = [{ id: '0b6f2b1e-3c1d-4e6a-9a10-000000000003', created_at: true }];
    try {
      const res = await gw.query('{ integrations(first: 1) { edges { node { id } } } }');
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_INVALID_RESPONSE',
        vendor: 'TORQ',
        details: { field: `integrations[${torqFixtures().length}].created_at` },
      });
    } finally {
      torq.extraIntegrations = [];
    }
  });

  it('passes the error details through in extensions, with credential values redacted', async () => {
    torq.errorDetails = [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: 'type_id', description: 'unknown type' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.DebugInfo', token: 'leaked-bearer-token' },
    ];
    torq.setFault('listIntegrations', { status: 400 });
    try {
      const res = await gw.query('{ integrations(first: 1) { edges { node { id } } } }');
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        vendor: 'TORQ',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'type_id', description: 'unknown type' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.DebugInfo', token: '[REDACTED]' },
        ],
      });
      expect(JSON.stringify(res)).not.toContain('leaked-bearer-token');
    } finally {
      torq.errorDetails = [];
    }
  });

  it('bounds details: empty lists vanish, oversized bodies are dropped', () => {
    expect(scrubDetails([])).toBeUndefined();
    expect(scrubDetails([{ note: 'x'.repeat(400) }])).toEqual([{ note: `${'x'.repeat(300)}…` }]);
    expect(
      scrubDetails(Array.from({ length: 20 }, () => ({ a: 'y'.repeat(290), b: 'z'.repeat(290) }))),
    ).toBeUndefined();
  });
});

describe('Akana: gzip by default, raw app version, one PKI rule on every door', () => {
  it('refuses a node id with PKI options to a caller without akana:pki, before any vendor call', async () => {
    const res = await gw.query<{ node: unknown }, { id: string }>(
      'query N($id: ID!) { node(id: $id) { ... on AppVersionExport { download { url } } } }',
      { id: encodeGlobalId('AppVersionExport', `${SEED_APP_VERSION}|1000`) },
    );
    expect(res.data?.node).toBeNull();
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(akana.calls()).toHaveLength(0);
  });

  it('sends the export gzip-encoded by default, as the seed’s sample response does', async () => {
    const res = await fetch(
      `${akana.url}/api/apps/versions/${SEED_APP_VERSION}/package?exportVersion=current`,
      {
        headers: {
          cookie: `AtmoAuthToken_${AKANA_FED}=${AKANA_SANDBOX.session}`,
          'accept-encoding': 'identity',
        },
      },
    );
    expect(res.headers.get('content-encoding')).toBe('gzip');
    await res.arrayBuffer();
    const gql = await gw.query<
      { appVersionExport: { entries: { path: string }[]; raw: Record<string, unknown> } },
      never
    >(`{ appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } raw } }`);
    expect(gql.errors).toBeUndefined();
    expect(gql.data?.appVersionExport.entries.map((e) => e.path)).toContain('exportproperties.properties');
    // The identity form (Content-Length, no encoding) reads the same.
    akana.gzip = false;
    try {
      const plain = await gw.query<{ appVersionExport: { entries: { path: string }[] } }, never>(
        `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } } }`,
      );
      expect(plain.data?.appVersionExport.entries).toEqual(gql.data?.appVersionExport.entries);
    } finally {
      akana.gzip = true;
    }
    expect(gql.data?.appVersionExport.raw).toMatchObject({
      AppVersionID: SEED_APP_VERSION,
      SharedSecret: '********',
    });
  });
});
