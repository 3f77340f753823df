import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryVault } from '../../src/downloads/directory-vault.js';
import { ROMA_SANDBOX, type RomaSandbox, startRomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { graphql } from '../gql/index.js';
import { codes, startGateway, type TestGateway } from '../helpers.js';
import { sha256 } from '../fixtures/cleanup.js';

const ArchiveQuery = graphql(`
  query RomaArchive($archiveId: String!) {
    assetArchive(archiveId: $archiveId) {
      id
      projectId
      instanceId
      archiveId
      fileName
      contentType
      size
      sha256
      retrievedAt
      apps
      tasks {
        taskId
      }
      download(expiresIn: 600) {
        url
      }
    }
  }
`);

const Export = graphql(`
  mutation RomaExport($input: ExportAssetsInput!) {
    exportAssets(input: $input) {
      jobId
      projectId
      instanceId
    }
  }
`);

const Job = graphql(`
  query RomaJob($jobId: String!) {
    assetJob(jobId: $jobId) {
      jobId
      status
      progressPercent
      archiveId
      reasons {
        resourceName
        errorCode
        errorMsg
      }
      archive {
        archiveId
        size
        sha256
        apps
        tasks {
          taskId
        }
        download {
          url
        }
      }
    }
  }
`);

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('ROMA archives: downloaded once, never lost', () => {
  let gw: TestGateway;
  let sandbox: RomaSandbox;
  beforeAll(async () => {
    gw = await startGateway();
    sandbox = gw.sandboxes.roma?.server as RomaSandbox;
    sandbox.jobMs = 200;
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    sandbox.resetLog();
    sandbox.clearFaults();
  });

  it('serves ten concurrent queries and ten concurrent downloads from one vendor download', async () => {
    const body = randomBytes(300 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => gw.query(ArchiveQuery, { archiveId })),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data?.assetArchive?.sha256).toBe(sha256(body));
      expect(r.data?.assetArchive?.size).toBe(body.length);
    }
    const url = results[0]?.data?.assetArchive?.download.url ?? '';
    const files = await Promise.all(Array.from({ length: 10 }, () => download(url)));
    for (const f of files) expect(sha256(f)).toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
    const a = results[0]?.data?.assetArchive;
    expect(a).toMatchObject({
      projectId: ROMA_SANDBOX.projectId,
      instanceId: ROMA_SANDBOX.instanceId,
      archiveId,
      contentType: 'application/octet-stream',
      apps: null,
      tasks: [],
    });
    expect(sandbox.calls('downloadArchive')[0]?.headers['x-auth-token']).toBe(ROMA_SANDBOX.token);
  });

  it('also takes the archive only once when the first ask is a download URL', async () => {
    const body = randomBytes(64 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    const url = gw.app.gateway.signer.sign('roma-archive', {
      projectId: ROMA_SANDBOX.projectId,
      instanceId: ROMA_SANDBOX.instanceId,
      archiveId,
    }).url;
    const files = await Promise.all(Array.from({ length: 10 }, () => download(url)));
    for (const f of files) expect(sha256(f)).toBe(sha256(body));
    const meta = await gw.query(ArchiveQuery, { archiveId });
    expect(meta.data?.assetArchive?.sha256).toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  });

  it('runs the export-job flow: RUNNING → SUCCEEDED, archive with apps and tasks, byte-exact download', async () => {
    const started = await gw.query(Export, {
      input: { appIds: ['app-orders', 'app-crm'], taskIds: ['task-1', 'task-2'] },
    });
    expect(started.errors).toBeUndefined();
    const jobId = started.data?.exportAssets.jobId ?? '';
    const first = await gw.query(Job, { jobId });
    expect(first.data?.assetJob?.status).toBe('RUNNING');
    expect(first.data?.assetJob?.archive).toBeNull();
    await new Promise((r) => setTimeout(r, 250));
    const done = await gw.query(Job, { jobId });
    expect(done.errors).toBeUndefined();
    const job = done.data?.assetJob;
    expect(job?.status).toBe('SUCCEEDED');
    expect(job?.progressPercent).toBe(100);
    expect(job?.archive?.apps).toBe('app-orders,app-crm');
    expect(job?.archive?.tasks).toEqual([{ taskId: 'task-1' }, { taskId: 'task-2' }]);
    const file = await download(job?.archive?.download.url ?? '');
    const original = sandbox.archives.get(job?.archiveId ?? '')?.body ?? Buffer.alloc(0);
    expect(file.equals(original)).toBe(true);
    expect(sha256(file)).toBe(job?.archive?.sha256);
    const exportCall = sandbox.calls('exportAssets')[0];
    expect(exportCall?.path).toBe(
      `/v2/${ROMA_SANDBOX.projectId}/instances/${ROMA_SANDBOX.instanceId}/assets/export`,
    );
  });

  it('reports a failed job with its reasons', async () => {
    const started = await gw.query(Export, { input: { appIds: ['fail-app'] } });
    await new Promise((r) => setTimeout(r, 250));
    const res = await gw.query(Job, { jobId: started.data?.exportAssets.jobId ?? '' });
    expect(res.data?.assetJob).toMatchObject({
      status: 'FAILED',
      archive: null,
      reasons: [
        { resourceName: 'fail-app', errorCode: 'ROMA.00110002', errorMsg: 'The application does not exist.' },
      ],
    });
  });

  it('says ARCHIVE_ALREADY_CONSUMED when ROMA gave the archive out before and the vault has none', async () => {
    const archiveId = sandbox.addArchive(Buffer.from('{}'));
    const archive = sandbox.archives.get(archiveId);
    if (archive) archive.consumed = true; // someone else downloaded it
    const res = await gw.query(ArchiveQuery, { archiveId });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'ARCHIVE_ALREADY_CONSUMED',
      vendor: 'HUAWEI_ROMA_CONNECT',
      httpStatus: 403,
    });
    expect(res.errors?.[0]?.message).toMatch(/new export job/);
  });

  it('keeps nothing when ROMA resets mid-stream, and says so clearly', async () => {
    const archiveId = sandbox.addArchive(randomBytes(512 * 1024), 'application/octet-stream');
    sandbox.setFault('downloadArchive', { resetAfterBytes: 100 * 1024 });
    const before = readdirSync(gw.app.gateway.settings.vault.dir).sort();
    const res = await gw.query(ArchiveQuery, { archiveId });
    expect(codes(res)).toEqual(['UPSTREAM_UNAVAILABLE']);
    // No entry and no temporary leftovers.
    expect(readdirSync(gw.app.gateway.settings.vault.dir).sort()).toEqual(before);
    // ROMA counted that as the one download: the honest answer now is "run a new export".
    sandbox.clearFaults();
    const again = await gw.query(ArchiveQuery, { archiveId });
    expect(codes(again)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
  });

  it('finishes the vendor download into the vault even when the first caller leaves early', async () => {
    const body = randomBytes(256 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 64 * 1024 });
    const url = gw.app.gateway.signer.sign('roma-archive', {
      projectId: ROMA_SANDBOX.projectId,
      instanceId: ROMA_SANDBOX.instanceId,
      archiveId,
    }).url;
    const controller = new AbortController();
    const leaving = fetch(url, { signal: controller.signal }).catch(() => 'left');
    await new Promise((r) => setTimeout(r, 120));
    controller.abort();
    expect(await leaving).toBe('left');
    await expect
      .poll(async () => (await gw.query(ArchiveQuery, { archiveId })).data?.assetArchive?.sha256, {
        timeout: 5000,
      })
      .toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  });

  it('validates ids before any call', async () => {
    for (const archiveId of ['', 'a/b', '..', 'x'.repeat(65), 'a b', 'a%2Fb']) {
      const res = await gw.query(ArchiveQuery, { archiveId });
      expect(codes(res), archiveId).toEqual(['BAD_USER_INPUT']);
    }
    const bad = await gw.query(Export, { input: { appIds: ['ok', '../x'] } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const empty = await gw.query(Export, { input: {} });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    const badScope = await gw.query(`{ assetArchive(archiveId: "a", projectId: "p/../q") { size } }`);
    expect(codes(badScope)).toEqual(['BAD_USER_INPUT']);
    expect(sandbox.calls()).toHaveLength(0);
  });

  it('maps Huawei error bodies', async () => {
    sandbox.setFault('job', { status: 500 });
    const res = await gw.query(Job, { jobId: 'abc' });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      vendorCode: 'ROMA.00000500',
      httpStatus: 500,
    });
    expect(res.errors?.[0]?.extensions?.requestId).toMatch(/^[0-9a-f]{32}$/);
    sandbox.clearFaults();
    const unknown = await gw.query(Job, { jobId: 'nosuchjob' });
    expect(unknown.data?.assetJob).toBeNull();
  });
});

describe('ROMA vault durability', () => {
  it('serves a kept archive after a restart on the same VAULT_DIR with no vendor call', async () => {
    await using sandbox = await startRomaSandbox();
    const vaultDir = mkdtempSync(join(tmpdir(), 'vg-vault-restart-'));
    const body = randomBytes(100 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    const env = {
      ROMA_BASE_URL: sandbox.url,
      ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
      ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
      ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
      VAULT_DIR: vaultDir,
    };
    const first = await startGateway(env);
    const before = await first.query(ArchiveQuery, { archiveId });
    expect(before.errors).toBeUndefined();
    await first.close();

    await using second = await startGateway(env);
    const after = await second.query(ArchiveQuery, { archiveId });
    expect(after.errors).toBeUndefined();
    expect(after.data?.assetArchive?.sha256).toBe(sha256(body));
    expect(after.data?.assetArchive?.retrievedAt).toBe(before.data?.assetArchive?.retrievedAt);
    expect(sha256(await download(after.data?.assetArchive?.download.url ?? ''))).toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  });

  it('takes one vendor download when two gateway replicas share the vault and ask at once', async () => {
    await using sandbox = await startRomaSandbox();
    const vaultDir = mkdtempSync(join(tmpdir(), 'vg-vault-replicas-'));
    const env = {
      ROMA_BASE_URL: sandbox.url,
      ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
      ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
      ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
      VAULT_DIR: vaultDir,
    };
    await using one = await startGateway(env);
    await using two = await startGateway(env);
    const body = randomBytes(200 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/octet-stream');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 64 * 1024 }); // a slow download widens the race
    const results = await Promise.all(
      [one, two, one, two].map((gw) => gw.query(ArchiveQuery, { archiveId })),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data?.assetArchive?.sha256).toBe(sha256(body));
    }
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
    expect(readdirSync(vaultDir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('encrypts at rest: round trip is exact and the file on disk is not the plaintext', async () => {
    const key = randomBytes(32).toString('hex');
    await using gw = await startGateway({ VAULT_ENCRYPTION_KEY: key });
    const sandbox = gw.sandboxes.roma?.server as RomaSandbox;
    const plaintext = Buffer.from(
      JSON.stringify({ apps: 'secret-app', tasks: [{ task_id: 'datasource-password-task' }] }),
    );
    const archiveId = sandbox.addArchive(plaintext);
    const res = await gw.query(ArchiveQuery, { archiveId });
    expect(res.data?.assetArchive?.apps).toBe('secret-app');
    const dir = gw.app.gateway.settings.vault.dir;
    const bin = readdirSync(dir).find((f) => f.endsWith('.bin')) ?? '';
    const onDisk = readFileSync(join(dir, bin));
    expect(onDisk.includes(Buffer.from('secret-app'))).toBe(false);
    expect(onDisk.length).toBe(plaintext.length + 4 + 12 + 16);
    expect((await download(res.data?.assetArchive?.download.url ?? '')).equals(plaintext)).toBe(true);
    // A tampered file is never delivered as complete.
    onDisk[40] = (onDisk[40] ?? 0) ^ 0xff;
    writeFileSync(join(dir, bin), onDisk);
    await expect(
      fetch(res.data?.assetArchive?.download.url ?? '').then((r) => r.arrayBuffer()),
    ).rejects.toThrow();
  });

  it('sweeps entries past retention', async () => {
    await using gw = await startGateway({ VAULT_RETENTION: '1s' });
    const sandbox = gw.sandboxes.roma?.server as RomaSandbox;
    const archiveId = sandbox.addArchive(Buffer.from('{"apps":"a","tasks":[]}'));
    expect((await gw.query(ArchiveQuery, { archiveId })).errors).toBeUndefined();
    const dir = gw.app.gateway.settings.vault.dir;
    expect(readdirSync(dir)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1100));
    await gw.app.gateway.sweep();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('serves nothing from a write interrupted by a killed process, and sweeps the leftovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-vault-kill-'));
    const script = fileURLToPath(new URL('../fixtures/vault-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Wait until the temporary file has real content, then kill the writer mid-stream.
    await expect
      .poll(
        () => {
          const tmp = readdirSync(dir).find((f) => f.startsWith('.tmp-'));
          return tmp ? readFileSync(join(dir, tmp)).length > 256 * 1024 : false;
        },
        { timeout: 10_000, interval: 20 },
      )
      .toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const vault = new DirectoryVault({ dir, retentionMs: 86_400_000, maxBytes: 1e12 });
    expect(await vault.get('roma/p/i/killed')).toBeUndefined();
    expect(await vault.has('roma/p/i/killed')).toBe(false);
    expect(readdirSync(dir).every((f) => f.startsWith('.tmp-'))).toBe(true);
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const f of readdirSync(dir)) utimesSync(join(dir, f), old, old);
    expect(await vault.sweep()).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('ROMA IAM tokens', () => {
  it('gets one IAM token for many calls and renews once after "token must be updated"', async () => {
    await using sandbox = await startRomaSandbox();
    sandbox.jobMs = 0;
    await using gw = await startGateway({
      ROMA_BASE_URL: sandbox.url,
      ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
      ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
      HUAWEI_IAM_URL: sandbox.url,
      HUAWEI_IAM_USER: ROMA_SANDBOX.iamUser,
      HUAWEI_IAM_PASSWORD: ROMA_SANDBOX.iamPassword,
      HUAWEI_IAM_DOMAIN: ROMA_SANDBOX.iamDomain,
    });
    const jobs = await Promise.all(
      Array.from({ length: 5 }, () => gw.query(Export, { input: { appIds: ['a1'] } })),
    );
    for (const j of jobs) expect(j.errors).toBeUndefined();
    expect(sandbox.calls('iamToken')).toHaveLength(1);
    sandbox.issuedTokens.clear();
    const again = await gw.query(Job, { jobId: jobs[0]?.data?.exportAssets.jobId ?? '' });
    expect(again.errors).toBeUndefined();
    expect(sandbox.calls('iamToken')).toHaveLength(2);
    expect(gw.logs.join('\n')).not.toContain(ROMA_SANDBOX.iamPassword);
  });
});
