/**
 * The list calls as the vendors document them: each emulator serves the documented form(s) of its
 * list answers (every edition the gateway supports, switched on the emulator), and the gateway
 * reads each one; an unreadable list is UPSTREAM_INVALID_RESPONSE, never an empty list.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import type { OracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import { codes, expectRefusedBeforeAnyCall, startGateway, type TestGateway } from '../helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const server = (k: 'torq' | 'google' | 'oracle' | 'akana' | 'roma') =>
  gw.sandboxes[k]?.server as SandboxServer;
const oracle = () => server('oracle') as OracleSandbox;

beforeEach(() => {
  for (const k of ['torq', 'google', 'oracle', 'akana', 'roma'] as const) {
    server(k).resetLog();
    server(k).clearFaults();
  }
  oracle().applicationsForm = 'listingSummary';
  oracle().packagesForm = 'single';
});

interface Edge<T> {
  node: T;
}
interface OracleApp {
  listingVersionId: string;
  listingId: string | null;
  name: string | null;
  status: string | null;
  packages: { edges: Edge<{ id: string; packageVersionId: string; name: string | null }>[] } | null;
}

const ORACLE_APPS = `{ oracleApplications(first: 5) { edges { node {
  listingVersionId listingId name status
  packages(first: 5) { edges { node { id packageVersionId name } } }
} } } }`;

describe('Oracle: List of Applications and Application Package as documented', () => {
  for (const applicationsForm of ['listingSummary', 'flat'] as const) {
    for (const packagesForm of ['single', 'items'] as const) {
      it(`reads applications (${applicationsForm}) → packages (${packagesForm}) → packageVersion`, async () => {
        oracle().applicationsForm = applicationsForm;
        oracle().packagesForm = packagesForm;
        const res = await gw.query<{ oracleApplications: { edges: Edge<OracleApp>[] } }, never>(ORACLE_APPS);
        expect(res.errors?.map((e) => e.message)).toBeUndefined();
        const apps = res.data?.oracleApplications.edges.map((e) => e.node) ?? [];
        expect(apps).toHaveLength(5);
        for (const a of apps) {
          expect(a.listingVersionId).toMatch(/^\d+$/);
          expect(a.name).toBeTruthy();
          expect(a.status).toMatch(/^[A-Z_]+$/);
          const pkgs = a.packages?.edges.map((e) => e.node) ?? [];
          expect(pkgs.length).toBeGreaterThan(0);
          for (const p of pkgs) expect(p.packageVersionId).toMatch(/^\d+$/);
        }
        // A listed package is the looked-up one: node(id) answers it with the same fields.
        const first = apps[0]?.packages?.edges[0]?.node;
        const again = await gw.query<{ node: { packageVersionId: string; name: string } }, { id: string }>(
          'query ($id: ID!) { node(id: $id) { ... on PackageVersion { packageVersionId name } } }',
          { id: first?.id ?? '' },
        );
        expect(again.errors).toBeUndefined();
        expect(again.data?.node).toEqual({ packageVersionId: first?.packageVersionId, name: first?.name });
      });
    }
  }

  it('an application list of no documented form is UPSTREAM_INVALID_RESPONSE, never empty', async () => {
    for (const jsonBody of [{ items: [{ listingSummary: 'x' }] }, { items: 'none' }, [], { items: [{}] }]) {
      oracle().setFault('listApplications', { jsonBody, times: 1 });
      const res = await gw.query<{ oracleApplications: unknown }, never>(
        '{ oracleApplications(first: 2) { edges { node { listingVersionId } } } }',
      );
      expect(res.data?.oracleApplications ?? null).toBeNull();
      expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
    }
  });

  it('a package answer of no documented form is UPSTREAM_INVALID_RESPONSE, never an empty list', async () => {
    for (const jsonBody of [{ items: [{ packageVersion: { id: 1 } }] }, 'text', { items: 3 }, {}]) {
      oracle().setFault('listPackages', { jsonBody });
      const res = await gw.query<{ oracleApplications: { edges: Edge<OracleApp>[] } }, never>(
        '{ oracleApplications(first: 1) { edges { node { listingVersionId packages { edges { node { id } } } } } } }',
      );
      expect(res.data?.oracleApplications.edges[0]?.node.packages ?? null).toBeNull();
      expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
      oracle().clearFaults();
    }
  });
});

interface RomaAppOut {
  appId: string;
  createTime: string | null;
  registeredAt: string | null;
  updateTime: string | null;
  status: string;
  vendorStatus: string | null;
  type: string;
  vendorType: string | null;
  romaAppType: string | null;
  bindNum: number | null;
  raw: Record<string, unknown>;
}

const ROMA_APPS = `{ romaApps(first: 27) { totalCount edges { node {
  appId name remark creator createTime updateTime registeredAt status vendorStatus type vendorType
  romaAppType bindNum raw
} } } }`;

const SECRET = /roma-sandbox-app-secret/;

describe('ROMA ListAppsV2: AppInfoWithBindNum, app secrets never passed on', () => {
  it('reads register_time, status, app_type, roma_app_type and bind_num; raw has no app_secret', async () => {
    const res = await gw.query<{ romaApps: { edges: Edge<RomaAppOut>[] } }, never>(ROMA_APPS);
    expect(res.errors).toBeUndefined();
    const apps = res.data?.romaApps.edges.map((e) => e.node) ?? [];
    expect(apps).toHaveLength(27);
    const sent = (server('roma') as unknown as { apps: Record<string, unknown>[] }).apps;
    apps.forEach((a, i) => {
      const s = sent[i] as Record<string, unknown>;
      expect(a.registeredAt).toBe(new Date(String(s.register_time)).toISOString());
      expect(a.createTime).toBe(a.registeredAt);
      expect(a.updateTime).toBe(new Date(String(s.update_time)).toISOString());
      expect(a.status).toBe('VALID');
      expect(a.vendorStatus).toBe('1');
      expect(a.type).toBe(s.app_type === 'apig' ? 'APIG' : 'ROMA');
      expect(a.vendorType).toBe(s.app_type);
      expect(a.romaAppType).toBe(s.roma_app_type);
      expect(a.bindNum).toBe(s.bind_num);
      expect(a.raw).not.toHaveProperty('app_secret');
    });
    expect(new Set(apps.map((a) => a.type))).toEqual(new Set(['ROMA', 'APIG']));
  });

  it('an unknown status or app_type reads as UNKNOWN with the vendor text beside it', async () => {
    const apps = (server('roma') as unknown as { apps: Record<string, unknown>[] }).apps;
    const saved = { ...apps[0] };
    Object.assign(apps[0] as object, { status: 2, app_type: 'apic' });
    try {
      const res = await gw.query<{ romaApps: { edges: Edge<RomaAppOut>[] } }, never>(
        '{ romaApps(first: 1) { edges { node { status vendorStatus type vendorType } } } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.romaApps.edges[0]?.node).toEqual({
        status: 'UNKNOWN',
        vendorStatus: '2',
        type: 'UNKNOWN',
        vendorType: 'apic',
      });
    } finally {
      apps[0] = saved;
    }
  });

  it('an app list of no documented form is UPSTREAM_INVALID_RESPONSE, never empty', async () => {
    for (const jsonBody of [{ total: 3 }, { apps: {} }, { apps: [{ register_time: {} }] }]) {
      server('roma').setFault('listApps', { jsonBody, times: 1 });
      const res = await gw.query<{ romaApps: unknown }, never>('{ romaApps(first: 2) { totalCount } }');
      expect(res.data?.romaApps ?? null).toBeNull();
      expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
    }
  });

  it('app_secret appears in no answer, log line, cache entry (memory and Redis) or vault file', async () => {
    const { Redis } = await import('ioredis');
    const { mkdtemp, readdir, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const prefix = `vg-test-secret-${process.pid}-${Date.now()}:`;
    const vault = await mkdtemp(join(tmpdir(), 'vg-secret-vault-'));
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const cached = await startGateway({
      CACHE: 'on',
      RESPONSE_CACHE: 'on',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      VAULT_DIR: vault,
      LOG_LEVEL: 'debug',
    });
    const redis = new Redis(redisUrl);
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${cached.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: ROMA_APPS }),
        });
        const text = await res.text();
        expect(text).toContain('registeredAt');
        expect(text).not.toMatch(SECRET);
      }
      // The export path too: apps go to ROMA by id, the archive into the vault.
      const appId = (
        (cached.sandboxes.roma?.server as unknown as { apps: { id: string }[] }).apps[0] as { id: string }
      ).id;
      const ex = await cached.query<{ exportAssets: { jobId: string } }, never>(
        `mutation { exportAssets(input: { appIds: ["${appId}"] }) { jobId } }`,
      );
      expect(ex.errors).toBeUndefined();
      expect(cached.logs.join('\n')).not.toMatch(SECRET);
      const keys = await redis.keys(`${prefix}*`);
      for (const k of keys) {
        const type = await redis.type(k);
        const value =
          type === 'string'
            ? await redis.getBuffer(k)
            : type === 'hash'
              ? JSON.stringify(await redis.hgetall(k))
              : '';
        expect(String(value)).not.toMatch(SECRET);
      }
      for (const f of await readdir(vault, { recursive: true })) {
        const text = await readFile(join(vault, f), 'utf8').catch(() => ''); // a folder reads as ''
        expect(text).not.toMatch(SECRET);
      }
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await cached.close();
      await rm(vault, { recursive: true, force: true });
    }
  });
});

interface RomaEditions {
  tasksEdition: 'current' | 'legacy' | 'sdk';
  exportEdition: 'current' | 'intl-2022' | 'ae-ad-1';
  consumedStatus: 403 | 404;
  jobMs: number;
  tasks: { task_id: string; task_name: string; task_type: string }[];
  jobs: Map<string, { appIds: string[]; taskIds: string[]; archiveId?: string }>;
}

/** A gateway whose ROMA settings are `env`, on its own emulators. */
async function romaGateway(
  env: Record<string, string>,
): Promise<{ g: TestGateway; emu: RomaEditions & SandboxServer }> {
  const g = await startGateway(env);
  return { g, emu: g.sandboxes.roma?.server as unknown as RomaEditions & SandboxServer };
}

describe('ROMA ListTasks: each documented edition, enforced by the emulator', () => {
  for (const edition of ['current', 'legacy', 'sdk'] as const) {
    it(`${edition}: every task once over the edition's offsets; the name filter reaches ROMA`, async () => {
      const { g, emu } = await romaGateway({ ROMA_TASKS_EDITION: edition });
      try {
        emu.tasksEdition = edition;
        const ids: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const res: Awaited<
            ReturnType<
              typeof g.query<
                {
                  romaTasks: {
                    edges: Edge<{ taskId: string; taskType: string }>[];
                    pageInfo: { hasNextPage: boolean; endCursor: string };
                  };
                },
                { after: string | null }
              >
            >
          > = await g.query(
            'query ($after: String) { romaTasks(first: 6, after: $after) { edges { node { taskId taskType } } pageInfo { hasNextPage endCursor } } }',
            { after },
          );
          expect(res.errors).toBeUndefined();
          const page = res.data?.romaTasks;
          for (const e of page?.edges ?? []) {
            ids.push(e.node.taskId);
            expect(['realtime', 'timing']).toContain(e.node.taskType);
          }
          if (!page?.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(ids).toEqual(emu.tasks.map((t) => t.task_id));
        const name = { current: 'task_name', legacy: 'taks_name', sdk: 'name' }[edition];
        const first = emu.calls('listTasks')[0]?.query;
        expect(first?.get('offset')).toBe(edition === 'current' ? '1' : '0');
        emu.resetLog();
        const res = await g.query<
          { romaTasks: { totalCount: number; edges: Edge<{ taskName: string }>[] } },
          never
        >('{ romaTasks(first: 20, taskName: "etl") { totalCount edges { node { taskName } } } }');
        expect(res.errors).toBeUndefined();
        expect(emu.calls('listTasks')[0]?.query.get(name)).toBe('etl');
        const expected = emu.tasks.filter((t) => t.task_name.includes('etl')).length;
        expect(res.data?.romaTasks.totalCount).toBe(expected);
        expect(expected).toBeLessThan(emu.tasks.length);
      } finally {
        await g.close();
      }
    });
  }

  it('a client of another edition fails against the emulator (the check can fail)', async () => {
    const { g, emu } = await romaGateway({ ROMA_TASKS_EDITION: 'legacy' });
    try {
      emu.tasksEdition = 'current'; // offset 0 is out of the current edition's range
      const res = await g.query('{ romaTasks(first: 3) { totalCount } }');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    } finally {
      await g.close();
    }
  });
});

describe('ROMA ExportAsset editions and the consumed archive', () => {
  for (const edition of ['current', 'intl-2022', 'ae-ad-1'] as const) {
    it(`${edition}: the body ROMA takes carries the apps and tasks asked for`, async () => {
      const { g, emu } = await romaGateway({ ROMA_EXPORT_EDITION: edition });
      try {
        emu.exportEdition = edition;
        const res = await g.query<{ exportAssets: { jobId: string } }, never>(
          'mutation { exportAssets(input: { appIds: ["app-orders", "app-crm"], taskIds: ["task-1"] }) { jobId } }',
        );
        expect(res.errors).toBeUndefined();
        const job = emu.jobs.get(res.data?.exportAssets.jobId ?? '');
        expect(job).toMatchObject({ appIds: ['app-orders', 'app-crm'], taskIds: ['task-1'] });
      } finally {
        await g.close();
      }
    });
  }

  for (const consumedStatus of [403, 404] as const) {
    it(`a second download answered ${consumedStatus}: an archive a job reported is consumed, an unknown one is null`, async () => {
      const { g, emu } = await romaGateway({});
      try {
        emu.consumedStatus = consumedStatus;
        emu.jobMs = 50;
        const ex = await g.query<{ exportAssets: { jobId: string } }, never>(
          'mutation { exportAssets(input: { appIds: ["app-orders"] }) { jobId } }',
        );
        const jobId = ex.data?.exportAssets.jobId ?? '';
        let archiveId: string | null = null;
        for (let i = 0; i < 100 && !archiveId; i++) {
          await new Promise((r) => setTimeout(r, 20));
          const j = await g.query<{ assetJob: { archiveId: string | null } }, { jobId: string }>(
            'query ($jobId: String!) { assetJob(jobId: $jobId) { archiveId } }',
            { jobId },
          );
          archiveId = j.data?.assetJob.archiveId ?? null;
        }
        expect(archiveId).toBeTruthy();
        // Someone outside this gateway takes the archive first.
        const p = (emu as unknown as { url: string }).url;
        const { ROMA_SANDBOX } = await import('../../src/vendors/roma/sandbox.js');
        const taken = await fetch(
          `${p}/v2/${ROMA_SANDBOX.projectId}/instances/${ROMA_SANDBOX.instanceId}/assets/archives/${archiveId}`,
          { headers: { 'x-auth-token': ROMA_SANDBOX.token } },
        );
        expect(taken.status).toBe(200);
        await taken.arrayBuffer();
        const res = await g.query<{ assetArchive: unknown }, { id: string }>(
          'query ($id: String!) { assetArchive(archiveId: $id) { archiveId } }',
          { id: archiveId ?? '' },
        );
        expect(res.data?.assetArchive ?? null).toBeNull();
        expect(codes(res)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
        // An id ROMA never issued still reads as null, with no error.
        const unknown = await g.query<{ assetArchive: unknown }, never>(
          '{ assetArchive(archiveId: "arc-never-issued") { archiveId } }',
        );
        expect(unknown.errors).toBeUndefined();
        expect(unknown.data?.assetArchive).toBeNull();
      } finally {
        await g.close();
      }
    });
  }
});

describe('Google: locations as labels, `-` on the global endpoint, the documented filter grammar', () => {
  it('fills a regional base URL template with a label, and uses the global endpoint for `-`', async () => {
    const { regionalBaseUrl } = await import('../../src/vendors/google/parse.js');
    const t = 'https://{location}-integrations.googleapis.com';
    expect(regionalBaseUrl(t, 'us-central1')).toBe('https://us-central1-integrations.googleapis.com');
    expect(regionalBaseUrl(t, '-')).toBe('https://integrations.googleapis.com');
    expect(regionalBaseUrl('https://integrations.googleapis.com', '-')).toBe(
      'https://integrations.googleapis.com',
    );
    for (const bad of ['us-central1.evil', 'localhost.', 'a/b', '-x', 'x_y', '']) {
      expect(() => regionalBaseUrl(t, bad), bad).toThrow(/location/);
    }
  });

  it('refuses a location that is not a label before any call, on every door', async () => {
    await expectRefusedBeforeAnyCall(gw, server('google'), [
      '{ integrationVersions(location: "us-central1.evil") { edges { cursor } } }',
      '{ googleIntegrations(location: "localhost.") { edges { cursor } } }',
      '{ integrationVersion(name: "projects/p/locations/localhost./integrations/i/versions/v") { name } }',
    ]);
  });

  it('the emulator takes OR, NOT and comparisons; the gateway passes them as documented', async () => {
    type Versions = { integrationVersions: { edges: Edge<{ state: string; snapshotNumber: string }>[] } };
    const ask = async (filter: string) => {
      const res = await gw.query<Versions, { filter: string }>(
        'query ($filter: String) { integrationVersions(first: 100, filter: $filter) { edges { node { state snapshotNumber } } } }',
        { filter },
      );
      expect(res.errors, filter).toBeUndefined();
      return res.data?.integrationVersions.edges.map((e) => e.node) ?? [];
    };
    const all = await ask('');
    const either = await ask('state=ACTIVE OR state=DRAFT');
    expect(either.length).toBe(all.filter((v) => v.state === 'ACTIVE' || v.state === 'DRAFT').length);
    expect(either.length).toBeGreaterThan(0);
    const not = await ask('NOT state=ACTIVE');
    expect(not.length).toBe(all.filter((v) => v.state !== 'ACTIVE').length);
    const high = await ask('snapshot_number >= 2 AND (state = "ACTIVE" OR state = "ARCHIVED")');
    expect(high.length).toBe(
      all.filter((v) => Number(v.snapshotNumber) >= 2 && ['ACTIVE', 'ARCHIVED'].includes(v.state)).length,
    );
    expect(server('google').calls('listVersions').at(-1)?.query.get('filter')).toBe(
      'snapshot_number >= 2 AND (state = "ACTIVE" OR state = "ARCHIVED")',
    );
  });
});

describe('Akana: renewToken form-encoded, guid as {value}, app versions of no channel form refused', () => {
  type AkanaEmu = SandboxServer & {
    guidForm: 'value' | 'string';
    appVersionsForm: 'channel' | 'objects';
    url: string;
  };
  const akana = () => server('akana') as AkanaEmu;
  const APPS =
    '{ akanaApps(first: 3) { edges { node { appId versions { edges { node { appVersionId } } } } } } }';
  type Apps = {
    akanaApps: {
      edges: Edge<{ appId: string; versions: { edges: Edge<{ appVersionId: string }>[] } | null }>[];
    };
  };

  it('reads the users’ apps channel with guid as {value} (Akana’s portal form) and as a string', async () => {
    for (const guidForm of ['value', 'string'] as const) {
      akana().guidForm = guidForm;
      const res = await gw.query<Apps, never>(APPS);
      expect(res.errors).toBeUndefined();
      const apps = res.data?.akanaApps.edges.map((e) => e.node) ?? [];
      expect(apps).toHaveLength(3);
      for (const a of apps) {
        expect(a.appId).toMatch(/\./);
        expect(a.versions?.edges.length).toBeGreaterThan(0);
      }
    }
    akana().guidForm = 'value';
  });

  it('an app version list without a channel is UPSTREAM_INVALID_RESPONSE, never an empty list', async () => {
    akana().appVersionsForm = 'objects';
    try {
      const res = await gw.query<Apps, never>(APPS);
      const versions = res.data?.akanaApps.edges.map((e) => e.node.versions) ?? [];
      expect(versions.length).toBe(3);
      for (const v of versions) expect(v).toBeNull();
      expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_INVALID_RESPONSE']));
    } finally {
      akana().appVersionsForm = 'channel';
    }
    for (const jsonBody of [{ channel: { item: [{ title: 'no guid' }] } }, { items: [] }, 'text']) {
      akana().setFault('listAppVersions', { jsonBody });
      const res = await gw.query<Apps, never>(APPS);
      expect(codes(res).length, JSON.stringify(jsonBody)).toBeGreaterThan(0);
      expect(new Set(codes(res))).toEqual(new Set(['UPSTREAM_INVALID_RESPONSE']));
      akana().clearFaults();
    }
  });

  it('renews the session with POST /api/login/renewToken as application/x-www-form-urlencoded', async () => {
    const { AKANA_SANDBOX } = await import('../../src/vendors/akana/sandbox.js');
    const { AKANA } = await import('../../src/vendors/akana/ref.js');
    const g = await startGateway({
      AKANA_BASE_URL: akana().url,
      AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
      AKANA_EMAIL: AKANA_SANDBOX.email,
      AKANA_PASSWORD: AKANA_SANDBOX.password,
      AKANA_USER_ID: AKANA_SANDBOX.userId,
    });
    try {
      expect((await g.query<Apps, never>(APPS)).errors).toBeUndefined();
      expect(akana().calls('login')).toHaveLength(1);
      // The session is due: the next call renews it rather than logging in again.
      const session = g.app.gateway.vendors.client(AKANA).tokenCache;
      const current = session?.peek();
      if (current !== undefined) session?.invalidate(current);
      expect((await g.query<Apps, never>(APPS)).errors).toBeUndefined();
      const [renew] = akana().calls('renewToken');
      expect(renew?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(akana().calls('login')).toHaveLength(1);
    } finally {
      await g.close();
    }
  });
});
