// Longer than 300 lines: it emulates the whole documented ROMA API used here (IAM, apps, tasks, export jobs, the once-only download) in each edition.
/**
 * ROMA Connect emulator. It enforces the rule that matters: an asset package can be downloaded
 * only once (the second download gets Huawei's 403 error body). Export jobs run RUNNING →
 * SUCCEEDED (or FAILED with reasons, for an app id starting with `fail`) over `jobMs`. It checks
 * `X-Auth-Token`, serves an IAM token endpoint, and (through the harness) resets and slow drips.
 *
 * References it follows (and the switches that pick an edition where they disagree):
 * - ExportAsset, support.huaweicloud.com/intl/en-us/api-roma/ExportAsset.html ("Exporting Assets
 *   in Batches", 2023-06 … 2025-10): body `{"apps":[{"id"}],"tasks":[{"id"}]}`, at most 100 apps
 *   and tasks, one running export job per user → `{job_id}`; errors `{error_code, error_msg,
 *   error_details, request_id}`.
 * - CheckAssetJobStatus, support.huaweicloud.com/api-roma/CheckAssetJobStatus.html ("Obtaining
 *   Job Progress", 2025-12): `{id, type, status RUNNING|SUCCEEDED|FAILED, reason[], progress_percent
 *   (float 0–1), archive_id, begin_time, end_time}` as strings → `edition = 'current'`.
 *   The 2022 edition (…/ae-ad-1-api-roma/CheckAssetJobStatus.html): status
 *   `Running|Success|Failed|Finished`, `reasons[]`, `begin_time`/`end_time` as numbers, and
 *   `Finished` (no `archive_id`) once the package was downloaded → `edition = 'legacy'`.
 *   The seed's download page names the id `entities.archive_id` → `archiveIdInEntities = true`.
 *   Editions of the request body (`exportEdition`): `current` as above (`id` optional in each
 *   object); `intl-2022` (support.huaweicloud.com/intl/en-us/api-roma/ExportAsset.html, 2022):
 *   `apps` a text of app names, `tasks: [{task_id}]`; `ae-ad-1` (…/ae-ad-1-api-roma/ExportAsset.html):
 *   `apps: [{app_id}]`, `tasks: [{task_id}]`. A body of another edition is a 400.
 * - DownloadAssetPackage (the seed, huawei-roma-connect-download-asset-package.txt): the package
 *   once. A second download's status is not documented (the old edition lists only 404):
 *   `consumedStatus` answers it 403 "already downloaded" (default) or 404 "does not exist".
 * - ListAppsV2 (support.huaweicloud.com/intl/en-us/api-roma/ListAppsV2.html): `GET
 *   /v2/{project_id}/apic/instances/{instance_id}/apps` (the shorter form without `/apic`
 *   is accepted too), `offset` (< 0 → 0), `limit` 1–500 (default 20), `name` fuzzy, `id`,
 *   `precise_search=name` → `{total, size, apps: [AppInfoWithBindNum]}`, each app with its
 *   `app_secret` (which the gateway must never pass on).
 * - ListTasks: `GET /v2/{project_id}/fdi/instances/{instance_id}/tasks` → `{total, size,
 *   entities}`, `status` 0|1, `task_type` realtime|timing. The editions disagree on the rest
 *   (`tasksEdition`): `current` (support.huaweicloud.com/intl/en-us/api-roma/ListTasks.html,
 *   2023-06): `task_name`, `offset` 1–20000 (the first item is offset 1), `limit` 1–1000; `legacy`
 *   (support.huaweicloud.com/en-us/api-roma/ListTasks.html): `taks_name`, `offset` 0–20000 (< 0 →
 *   0), `limit` 0–1000; `sdk` (Huawei's SDK models): `name`, `offset` from 0, `limit` 1–999. An
 *   offset or limit outside the edition's range is a 400; a name parameter of another edition is
 *   ignored, as an unknown query parameter is.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import contentDisposition from 'content-disposition';
import { type SandboxServer, sendJson, startSandbox, streamBody } from '../../sandbox/harness.js';
import { romaAppFixtures, romaTaskFixtures } from './fixtures.js';
import {
  exportIds,
  paging,
  type RomaEdition,
  type RomaExportEdition,
  type RomaTasksEdition,
  seedBody,
  TASKS_EDITIONS,
  tasksPaging,
} from './sandbox-editions.js';

export const ROMA_SANDBOX = {
  projectId: '0b8d3c4a5e6f47a8b9c0d1e2f3a4b5c6',
  instanceId: 'e5a8d6b2-3c4f-4a5b-8c9d-0e1f2a3b4c5d',
  token: 'roma-sandbox-token',
  iamUser: 'gateway-bot',
  iamPassword: 'roma-iam-password',
  iamDomain: 'acme-domain',
};

/** A ready archive every sandbox starts with, so examples can ask for one without an export job. */
export const SEED_ARCHIVE = 'arc-5eed0a1b2c3d4e5f';
/**
 * An export job every sandbox starts with, for GraphiQL's `assetJobProgress` example: it runs for
 * `jobMs`, shows SEED_ARCHIVE for a while, then runs again, so following it always shows progress.
 * It never blocks `exportAssets` (not counted as a user's running job).
 */
export const SEED_JOB = 'job-5eed0a1b2c3d4e5f';
const SEED_JOB_REST_MS = 5000;

interface Archive {
  body: Buffer;
  contentType: string;
  fileName: string;
  consumed: boolean;
}

interface Job {
  id: string;
  started: number;
  appIds: string[];
  taskIds: string[];
  archiveId?: string;
  ended?: number;
}

export type { RomaEdition, RomaExportEdition, RomaTasksEdition } from './sandbox-editions.js';

export interface RomaSandbox extends SandboxServer {
  archives: Map<string, Archive>;
  jobs: Map<string, Job>;
  issuedTokens: Set<string>;
  /** How long an export job runs. */
  jobMs: number;
  /** Serve new archives as a binary zip-like blob instead of the seed's JSON body. */
  binaryArchives: boolean;
  /** Which CheckAssetJobStatus edition to answer (see the header). */
  edition: RomaEdition;
  /** Put the archive id in `entities.archive_id` (the seed's download page) instead of top-level. */
  archiveIdInEntities: boolean;
  /** Which ListTasks edition to enforce (see the header). */
  tasksEdition: RomaTasksEdition;
  /** Which ExportAsset request body to accept (see the header). */
  exportEdition: RomaExportEdition;
  /** The status of a second download of a consumed archive: 403 or 404 (see the header). */
  consumedStatus: 403 | 404;
  /** ListAppsV2 items (tests may add or remove). */
  apps: ReturnType<typeof romaAppFixtures>;
  /** ListTasks items. */
  tasks: ReturnType<typeof romaTaskFixtures>;
  /** Adds a ready archive and returns its id. */
  addArchive(body: Buffer, contentType?: string): string;
}

export async function startRomaSandbox(): Promise<RomaSandbox> {
  let self: RomaSandbox;
  const base = '^\\/v2\\/(?<project>[^/]+)\\/instances\\/(?<instance>[^/]+)\\/assets';
  const authorized = (token: string | string[] | undefined) =>
    typeof token === 'string' && (token === ROMA_SANDBOX.token || self.issuedTokens.has(token));
  const jobState = (job: Job): { status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'; progress: number } => {
    if (job.id === SEED_JOB && Date.now() - job.started >= self.jobMs + SEED_JOB_REST_MS)
      job.started = Date.now();
    const elapsed = Date.now() - job.started;
    if (elapsed < self.jobMs)
      return { status: 'RUNNING', progress: Math.floor((elapsed / self.jobMs) * 90) / 100 };
    job.ended ??= Date.now();
    if (job.appIds.some((a) => a.startsWith('fail'))) return { status: 'FAILED', progress: 1 };
    if (!job.archiveId) {
      job.archiveId = self.addArchive(
        self.binaryArchives ? randomBytes(256 * 1024) : seedBody(job.appIds, job.taskIds),
        self.binaryArchives ? 'application/octet-stream' : 'application/json',
      );
    }
    return { status: 'SUCCEEDED', progress: 1 };
  };
  const running = () =>
    [...self.jobs.values()].some((j) => j.id !== SEED_JOB && Date.now() - j.started < self.jobMs);
  const server = await startSandbox({
    name: 'roma',
    errorBody: (status, message) => ({
      body: {
        error_code: `ROMA.${String(status).padStart(8, '0')}`,
        error_msg: message,
        error_details: message,
        request_id: randomBytes(16).toString('hex'),
      },
    }),
    routes: [
      {
        name: 'iamToken',
        method: 'POST',
        pattern: /^\/v3\/auth\/tokens$/,
        handler: async ({ res, body }) => {
          let auth: Record<string, never>;
          try {
            auth = JSON.parse((await body()).toString('utf8')).auth ?? {};
          } catch {
            return self.sendError(res, 400, 'malformed body');
          }
          const user = (auth as { identity?: { password?: { user?: Record<string, unknown> } } }).identity
            ?.password?.user;
          const domain = (user?.domain as { name?: string } | undefined)?.name;
          if (
            user?.name !== ROMA_SANDBOX.iamUser ||
            user.password !== ROMA_SANDBOX.iamPassword ||
            domain !== ROMA_SANDBOX.iamDomain
          ) {
            return self.sendError(res, 401, 'The username or password is incorrect.');
          }
          const token = `MIIsandbox${randomBytes(24).toString('hex')}`;
          self.issuedTokens.add(token);
          res.setHeader('x-subject-token', token);
          sendJson(res, 201, {
            token: { expires_at: new Date(Date.now() + 24 * 3_600_000).toISOString(), methods: ['password'] },
          });
        },
      },
      {
        name: 'listApps',
        method: 'GET',
        pattern: /^\/v2\/(?<project>[^/]+)(?:\/apic)?\/instances\/(?<instance>[^/]+)\/apps$/,
        handler: ({ req, res, url }) => {
          if (!authorized(req.headers['x-auth-token']))
            return self.sendError(res, 401, 'The token must be updated.');
          const q = url.searchParams;
          const page = paging(q.get('offset'), q.get('limit'), 500);
          if (!page) return self.sendError(res, 400, 'Invalid offset or limit (limit 1-500).');
          const name = q.get('name');
          const exact = (q.get('precise_search') ?? '').split(',').includes('name');
          const id = q.get('id');
          const all = self.apps.filter(
            (a) => (!name || (exact ? a.name === name : a.name.includes(name))) && (!id || a.id === id),
          );
          const apps = all.slice(page.offset, page.offset + page.limit);
          sendJson(res, 200, { total: all.length, size: apps.length, apps });
        },
      },
      {
        name: 'listTasks',
        method: 'GET',
        pattern: /^\/v2\/(?<project>[^/]+)\/fdi\/instances\/(?<instance>[^/]+)\/tasks$/,
        handler: ({ req, res, url }) => {
          if (!authorized(req.headers['x-auth-token']))
            return self.sendError(res, 401, 'The token must be updated.');
          const q = url.searchParams;
          const rule = TASKS_EDITIONS[self.tasksEdition];
          const page = tasksPaging(q.get('offset'), q.get('limit'), rule);
          if (!page) return self.sendError(res, 400, 'Invalid offset or limit.');
          const name = q.get(rule.name);
          const status = q.get('status');
          const all = self.tasks.filter(
            (t) => (!name || t.task_name.includes(name)) && (status == null || String(t.status) === status),
          );
          const entities = all.slice(page.offset, page.offset + page.limit);
          sendJson(res, 200, { total: all.length, size: entities.length, entities });
        },
      },
      {
        name: 'exportAssets',
        method: 'POST',
        pattern: new RegExp(`${base}\\/export$`),
        handler: async ({ req, res, body }) => {
          if (!authorized(req.headers['x-auth-token']))
            return self.sendError(res, 401, 'The token must be updated.');
          let input: { apps?: unknown; tasks?: unknown };
          try {
            input = JSON.parse((await body()).toString('utf8'));
          } catch {
            return self.sendError(res, 400, 'Invalid request body');
          }
          const picked = exportIds(self.exportEdition, input);
          if (typeof picked === 'string') return self.sendError(res, 400, picked);
          const { appIds, taskIds } = picked;
          if (appIds.length + taskIds.length > 100) {
            return self.sendError(res, 400, 'A maximum of 100 applications and tasks are supported.');
          }
          // "A user can create only one asset export job at a time." The reference names no error
          // code for the refusal; the emulator answers with the documented 403 error body.
          if (running()) {
            return self.sendError(res, 403, 'An asset export job is already running. Try again later.');
          }
          const id = randomBytes(16).toString('hex');
          self.jobs.set(id, { id, started: Date.now(), appIds, taskIds });
          sendJson(res, 200, { job_id: id });
        },
      },
      {
        name: 'job',
        method: 'GET',
        pattern: new RegExp(`${base}\\/jobs\\/(?<job>[^/]+)$`),
        handler: ({ req, res, params }) => {
          if (!authorized(req.headers['x-auth-token']))
            return self.sendError(res, 401, 'The token must be updated.');
          const job = self.jobs.get(params.job ?? '');
          if (!job) return self.sendError(res, 404, 'The job does not exist.');
          const state = jobState(job);
          const legacy = self.edition === 'legacy';
          const consumed = job.archiveId ? self.archives.get(job.archiveId)?.consumed === true : false;
          const status = legacy
            ? state.status === 'RUNNING'
              ? 'Running'
              : state.status === 'FAILED'
                ? 'Failed'
                : consumed
                  ? 'Finished'
                  : 'Success'
            : state.status;
          const reasons =
            state.status === 'FAILED'
              ? job.appIds
                  .filter((a) => a.startsWith('fail'))
                  .map((a) => ({
                    resource_type: 'application',
                    resource_name: a,
                    error_code: 'ROMA.00110002',
                    error_msg: 'The application does not exist.',
                  }))
              : [];
          const time = (t: number | undefined) =>
            t === undefined ? undefined : legacy ? t : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
          const showArchive = job.archiveId && status !== 'Finished';
          sendJson(res, 200, {
            id: job.id,
            type: 'exportAsset',
            status,
            [legacy ? 'reasons' : 'reason']: reasons,
            progress_percent: state.progress,
            ...(showArchive && !self.archiveIdInEntities ? { archive_id: job.archiveId } : {}),
            ...(showArchive && self.archiveIdInEntities ? { entities: { archive_id: job.archiveId } } : {}),
            begin_time: time(job.started),
            ...(job.ended ? { end_time: time(job.ended) } : {}),
          });
        },
      },
      {
        name: 'downloadArchive',
        method: 'GET',
        pattern: new RegExp(`${base}\\/archives\\/(?<archive>[^/]+)$`),
        handler: async ({ req, res, params, fault }) => {
          if (!authorized(req.headers['x-auth-token']))
            return self.sendError(res, 401, 'The token must be updated.');
          const archive = self.archives.get(params.archive ?? '');
          if (!archive) return self.sendError(res, 404, 'The asset package does not exist.');
          if (archive.consumed) {
            return self.consumedStatus === 404
              ? self.sendError(res, 404, 'The asset package does not exist.')
              : self.sendError(res, 403, 'The asset package has already been downloaded.');
          }
          archive.consumed = true; // taken as soon as the download starts, whatever happens next
          res.writeHead(200, {
            'content-type': archive.contentType,
            'content-length': archive.body.length,
            'content-disposition': contentDisposition(archive.fileName),
          });
          await streamBody(res, Readable.from([archive.body]), fault);
        },
      },
    ],
  });
  self = Object.assign(server, {
    archives: new Map<string, Archive>(),
    jobs: new Map<string, Job>(),
    issuedTokens: new Set<string>(),
    jobMs: 3000,
    binaryArchives: false,
    edition: 'current' as RomaEdition,
    archiveIdInEntities: false,
    tasksEdition: 'current' as RomaTasksEdition,
    exportEdition: 'current' as RomaExportEdition,
    consumedStatus: 403 as 403 | 404,
    apps: romaAppFixtures(),
    tasks: romaTaskFixtures(),
    addArchive(body: Buffer, contentType = 'application/json') {
      const id = `arc-${randomBytes(8).toString('hex')}`;
      self.archives.set(id, {
        body,
        contentType,
        fileName: `assets-${id}.${contentType.includes('json') ? 'json' : 'zip'}`,
        consumed: false,
      });
      return id;
    },
  });
  self.jobs.set(SEED_JOB, {
    id: SEED_JOB,
    started: Date.now(),
    appIds: ['app-orders', 'app-billing'],
    taskIds: ['task-order-sync'],
    archiveId: SEED_ARCHIVE,
  });
  self.archives.set(SEED_ARCHIVE, {
    body: seedBody(['app-orders', 'app-billing'], ['task-order-sync']),
    contentType: 'application/json',
    fileName: `assets-${SEED_ARCHIVE}.json`,
    consumed: false,
  });
  return self;
}
