/**
 * Huawei ROMA Connect client: asset export jobs (`POST …/assets/export`, `GET …/assets/jobs/{id}`)
 * and the once-only archive download (`GET …/assets/archives/{archive_id}`), with `X-Auth-Token`
 * from settings or from IAM password auth (`POST {iam}/v3/auth/tokens`, project scope, token in
 * `X-Subject-Token`, cached for its 24 h life minus a margin, renewed once after a 401).
 */
import * as z from 'zod';
import {
  ArchiveAlreadyConsumedError,
  BadUserInputError,
  type GatewayError,
  RateLimitedError,
  UpstreamInvalidResponseError,
} from '../../foundations/errors.js';
import { renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { path } from '../../http/url.js';
import {
  type VendorAuth,
  type VendorErrorInfo,
  VendorHttp,
  type VendorResponse,
} from '../../http/vendor-http.js';
import type { RomaSettings } from './settings.js';
import {
  bodyParser,
  date,
  invalid,
  type Json,
  list,
  nonEmpty,
  num,
  parseWith,
  scalar,
  withRaw,
} from '../parse.js';
import { type ClientDeps, httpDeps } from '../types.js';
import type { Scope } from './archive-source.js';
import { ArchiveKeeper } from './archives.js';
import { ROMA as ROMA_REF } from './ref.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** ROMA ids: at most 64 characters of letters, digits, `-` and `_`. */
export function checkRomaId(name: string, value: string | null | undefined): string {
  if (value == null || !ID.test(value)) {
    throw new BadUserInputError(`${name} must be 1-64 letters, digits, "-" or "_"`);
  }
  return value;
}

export type { Scope } from './archive-source.js';

/** A fully named archive (signed download parameters, node ids): every part required and checked. */
export function parseArchiveRef(p: { projectId?: string; instanceId?: string; archiveId?: string }): {
  scope: Scope;
  archiveId: string;
} {
  return {
    scope: {
      projectId: checkRomaId('projectId', p.projectId),
      instanceId: checkRomaId('instanceId', p.instanceId),
    },
    archiveId: checkRomaId('archiveId', p.archiveId),
  };
}

/**
 * Job states. ROMA's current reference (CheckAssetJobStatus, support.huaweicloud.com/api-roma/
 * CheckAssetJobStatus.html, 2025) says `RUNNING|SUCCEEDED|FAILED`; older editions
 * (support.huaweicloud.com/intl/en-us/ae-ad-1-api-roma/CheckAssetJobStatus.html, 2022) say
 * `Running|Success|Failed|Finished`, where `Finished` = the package was downloaded and
 * `archive_id` is no longer returned. Both are read.
 */
export type JobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'FINISHED' | 'UNKNOWN';

const STATUS: Record<string, JobStatus> = {
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  SUCCESS: 'SUCCEEDED',
  FAILED: 'FAILED',
  FINISHED: 'FINISHED',
};

export interface JobReason {
  resourceType: string | null;
  resourceName: string | null;
  errorCode: string | null;
  errorMsg: string | null;
}

export interface ExportJob {
  jobId: string;
  /** `type` (`exportAsset`, `importAsset`). */
  type: string | null;
  status: JobStatus;
  /** The status string exactly as ROMA sent it. */
  rawStatus: string | null;
  /** `progress_percent`, a fraction 0–1 as documented (0.35 = 35 %). */
  progress: number | null;
  reasons: JobReason[];
  archiveId: string | null;
  beginTime: Date | null;
  endTime: Date | null;
  /** The whole job body as ROMA sent it. */
  raw: Record<string, unknown>;
  /** For a FINISHED job: the archive id this gateway saw earlier for it, if any. */
  knownArchiveId?: string | null;
}

const SEEN_ARCHIVES_MAX = 10_000;

/** Who sent a body, as the parsers name it: the vendor's ref. */
const ROMA = { vendor: ROMA_REF.vendor, label: ROMA_REF.name };

/** `progress_percent` is documented 0–1 (a number, or its text); above 1 it is read as 0–100 %. */
const progress = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    const n = typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : (v ?? NaN);
    if (!Number.isFinite(n) || n < 0) return null;
    return n > 1 ? Math.min(1, n / 100) : n;
  });

const Reason = z.object({
  resource_type: nonEmpty,
  resource_name: nonEmpty,
  error_code: nonEmpty,
  error_msg: nonEmpty,
});

/** CheckAssetJobStatus in every documented edition (`reasons` now, `reason` before). */
const JobBody = z.object({
  id: nonEmpty,
  type: nonEmpty,
  status: nonEmpty,
  progress_percent: progress,
  reasons: list(Reason).optional(),
  reason: list(Reason).optional(),
  archive_id: nonEmpty,
  entities: z.object({ archive_id: nonEmpty }).nullish(),
  begin_time: date,
  end_time: date,
});

/** Reads a CheckAssetJobStatus body in every documented edition. */
export function parseJob(jobId: string, data: unknown): ExportJob {
  const d = parseWith(JobBody, data, { ...ROMA, what: 'a job status' });
  const status = (d.status && STATUS[d.status.toUpperCase()]) || 'UNKNOWN';
  const reasons = d.reasons?.length ? d.reasons : (d.reason ?? []);
  return {
    jobId: d.id ?? jobId,
    type: d.type,
    status,
    rawStatus: d.status,
    progress: d.progress_percent,
    reasons: reasons.map((r) => ({
      resourceType: r.resource_type,
      resourceName: r.resource_name,
      errorCode: r.error_code,
      errorMsg: r.error_msg,
    })),
    // Top-level `archive_id` (CheckAssetJobStatus); the download page calls it `entities.archive_id`.
    archiveId: status === 'FINISHED' ? null : (d.archive_id ?? d.entities?.archive_id ?? null),
    beginTime: d.begin_time,
    endTime: d.end_time,
    raw: data as Json,
  };
}

/** Huawei's `{error_code, error_msg, error_details, request_id}`. */
export function parseRomaError(body: unknown, headers: Record<string, unknown>): VendorErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const msg = [b.error_msg, b.error_details].filter((x) => typeof x === 'string' && x !== '').join(': ');
  const rid = b.request_id ?? headers['x-request-id'];
  return {
    message: msg || undefined,
    vendorCode: typeof b.error_code === 'string' ? b.error_code : undefined,
    requestId: typeof rid === 'string' ? rid : undefined,
  };
}

/**
 * An app of ListAppsV2: `AppInfoWithBindNum` (support.huaweicloud.com/intl/en-us/api-roma/
 * ListAppsV2.html): `id, name, remark, creator, update_time, app_key, app_secret, register_time,
 * status, app_type (apig|roma), roma_app_type, bind_num`. `app_secret` is dropped at the parse:
 * never shown, logged, cached or kept.
 */
export interface RomaApp {
  appId: string;
  name: string | null;
  remark: string | null;
  /** Not in AppInfoWithBindNum: read only if an edition sends it. */
  owner: string | null;
  creator: string | null;
  /** `create_time` where an edition sends it, else `register_time` (the app's creation). */
  createTime: Date | null;
  updateTime: Date | null;
  registeredAt: Date | null;
  /** `status` as sent (1 = valid). */
  status: number | null;
  /** `app_type` as sent (apig, roma). */
  appType: string | null;
  /** `roma_app_type` as sent (subscription, integration). */
  romaAppType: string | null;
  bindNum: number | null;
  /** The item as ROMA sent it, `app_secret` left out. */
  raw: Json;
}

/** A task of FDI ListTasks (`BriefTaskRespBean`). */
export interface RomaTask {
  taskId: string;
  taskName: string | null;
  taskType: string | null;
  status: number | null;
  executeStatus: string | null;
  createdDate: Date | null;
  lastModifiedTime: Date | null;
  raw: Json;
}

/** One page of a ROMA list: `{total, size, <items>: [...]}`. */
export interface RomaList<T> {
  total: number | null;
  items: T[];
}

const total = num.catch(null);

/** A number ROMA may send as its text ("1"); anything else reads as null, never failing the list. */
const count = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    const n = typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : (v ?? NaN);
    return Number.isFinite(n) ? n : null;
  });

const parseApps = bodyParser(
  z.object({
    total,
    apps: z.array(
      z
        .object({
          id: scalar,
          name: nonEmpty,
          remark: nonEmpty,
          owner: nonEmpty,
          creator: nonEmpty,
          create_time: date,
          update_time: date,
          register_time: date,
          status: count,
          app_type: nonEmpty,
          roma_app_type: nonEmpty,
          bind_num: count,
        })
        .transform((a) => ({
          appId: a.id ?? '',
          name: a.name,
          remark: a.remark,
          owner: a.owner,
          creator: a.creator,
          createTime: a.create_time ?? a.register_time,
          updateTime: a.update_time,
          registeredAt: a.register_time,
          status: a.status,
          appType: a.app_type,
          romaAppType: a.roma_app_type,
          bindNum: a.bind_num,
        })),
    ),
  }),
  { ...ROMA, what: 'an app list' },
  (typed, raw): RomaList<RomaApp> => ({
    total: typed.total,
    // `app_secret` is left out of `raw` here, once: never shown, never copied further.
    items: withRaw(typed.apps, raw, 'apps').map(({ raw: { app_secret, ...rest }, ...a }) => {
      void app_secret;
      return { ...a, raw: rest };
    }),
  }),
);

const parseTasks = bodyParser(
  z.object({
    total,
    entities: z.array(
      z
        .object({
          task_id: scalar,
          task_name: nonEmpty,
          task_type: nonEmpty,
          status: num,
          execute_status: nonEmpty,
          created_date: date,
          last_modified_time: date,
        })
        .transform((t) => ({
          taskId: t.task_id ?? '',
          taskName: t.task_name,
          taskType: t.task_type,
          status: t.status,
          executeStatus: t.execute_status,
          createdDate: t.created_date,
          lastModifiedTime: t.last_modified_time,
        })),
    ),
  }),
  { ...ROMA, what: 'a task list' },
  (typed, raw): RomaList<RomaTask> => ({
    total: typed.total,
    items: withRaw(typed.entities, raw, 'entities'),
  }),
);

const parseExport = (data: unknown) => {
  const jobId = parseWith(z.object({ job_id: nonEmpty }), data, { ...ROMA, what: 'an export answer' }).job_id;
  return (
    jobId ??
    invalid(ROMA, 'ROMA sent an export answer with job_id: expected string', {
      field: 'job_id',
      problem: 'expected string',
    })
  );
};

export class RomaClient {
  readonly http: VendorHttp;
  readonly tokenCache: TokenCache | undefined;
  readonly defaults: { projectId: string | undefined; instanceId: string | undefined };
  readonly archives: ArchiveKeeper;

  readonly #editions: Pick<RomaSettings, 'exportEdition' | 'tasksEdition'>;

  constructor(settings: RomaSettings, baseUrl: string, deps: ClientDeps) {
    this.defaults = { projectId: settings.projectId, instanceId: settings.instanceId };
    this.#editions = { exportEdition: settings.exportEdition, tasksEdition: settings.tasksEdition };
    this.archives = new ArchiveKeeper(this, deps.vault, deps.logger);
    let auth: VendorAuth | undefined;
    const { authToken, iamUrl, iamUser, iamPassword, iamDomain } = settings;
    if (authToken) {
      auth = staticAuth('x-auth-token', (t) => t, authToken);
    } else if (iamUrl && iamUser && iamPassword && iamDomain) {
      this.tokenCache = new TokenCache(
        async (signal) => {
          const project = settings.projectId ? { id: settings.projectId } : undefined;
          const res = await this.http.request({
            method: 'POST',
            baseUrl: iamUrl,
            path: '/v3/auth/tokens',
            authenticate: false,
            idempotent: true,
            signal,
            headers: { 'content-type': 'application/json;charset=utf8' },
            body: JSON.stringify({
              auth: {
                identity: {
                  methods: ['password'],
                  password: {
                    user: { name: iamUser, password: iamPassword.reveal(), domain: { name: iamDomain } },
                  },
                },
                scope: project ? { project } : { domain: { name: iamDomain } },
              },
            }),
          });
          const text = await this.http.readCapped(res, 1024 * 1024);
          const token = res.headers['x-subject-token'];
          if (typeof token !== 'string' || token === '') {
            throw new UpstreamInvalidResponseError('Huawei IAM returned no X-Subject-Token', {
              vendor: ROMA_REF.vendor,
            });
          }
          let expiresInMs = 24 * 3_600_000;
          try {
            const expiresAt = Date.parse(
              (JSON.parse(text) as { token?: { expires_at?: string } }).token?.expires_at ?? '',
            );
            if (!Number.isNaN(expiresAt)) expiresInMs = expiresAt - Date.now();
          } catch {
            // no body: keep the documented 24 h
          }
          return { value: token, expiresInMs };
        },
        60 * 60_000,
        deps.sharedCredential?.([
          'iam-password',
          iamUrl,
          iamUser,
          iamPassword.reveal(),
          iamDomain,
          settings.projectId ?? '',
        ]),
      );
      auth = renewableAuth('x-auth-token', (t) => t, this.tokenCache);
    }
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      auth,
      parseError: parseRomaError,
      forwardedHeaders: (t) => ({ 'x-auth-token': t }),
    });
  }

  /** Project and instance from arguments, else from settings; validated either way. */
  scope(projectId?: string | null, instanceId?: string | null): Scope {
    const p = projectId ?? this.defaults.projectId;
    const i = instanceId ?? this.defaults.instanceId;
    if (p == null) throw new BadUserInputError('projectId is required (ROMA_PROJECT_ID is not set)');
    if (i == null) throw new BadUserInputError('instanceId is required (ROMA_INSTANCE_ID is not set)');
    return { projectId: checkRomaId('projectId', p), instanceId: checkRomaId('instanceId', i) };
  }

  /**
   * ExportAsset (support.huaweicloud.com/intl/en-us/api-roma/ExportAsset.html, 2023–2025):
   * body `{"apps":[{"id"}],"tasks":[{"id"}]}`, both arrays (empty ones sent as `[]`), at most 100
   * apps and tasks, one running export job per user. The older editions (ROMA_EXPORT_EDITION):
   * `intl-2022` takes `apps` as a text of app names and `tasks:[{task_id}]`; `ae-ad-1`
   * (…/ae-ad-1-api-roma/ExportAsset.html) `apps:[{app_id}]`, `tasks:[{task_id}]`. ROMA's refusal
   * of a second running job becomes RATE_LIMITED (see `classifyExportError`).
   */
  async exportAssets(s: Scope, appIds: string[], taskIds: string[], signal?: AbortSignal): Promise<string> {
    const { data } = await this.exportHttp.json({
      method: 'POST',
      path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/export`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exportBody(this.#editions.exportEdition, appIds, taskIds)),
      signal,
    });
    return parseExport(data);
  }

  /** CheckAssetJobStatus: `GET …/assets/jobs/{job_id}`, every documented edition (see `parseJob`). */
  async job(s: Scope, jobId: string, signal?: AbortSignal): Promise<ExportJob> {
    checkRomaId('jobId', jobId);
    const { data } = await this.http.json({
      path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/jobs/${jobId}`,
      signal,
      coalesce: false, // job status: every poll asks ROMA afresh
    });
    const job = parseJob(jobId, data);
    // Older editions stop naming the archive once it was downloaded (`Finished`): remember the id
    // this gateway saw, so the kept copy stays reachable from the job.
    const key = `${s.projectId}/${s.instanceId}/${job.jobId}`;
    if (job.archiveId) {
      if (this.#seenArchives.size >= SEEN_ARCHIVES_MAX) {
        const oldest = this.#seenArchives.keys().next().value as string;
        this.#reportedArchives.delete(archiveKey(s, this.#seenArchives.get(oldest) ?? ''));
        this.#seenArchives.delete(oldest);
      }
      this.#seenArchives.set(key, job.archiveId);
      this.#reportedArchives.add(archiveKey(s, job.archiveId));
    } else if (job.status === 'FINISHED') {
      job.knownArchiveId = this.#seenArchives.get(key) ?? null;
    }
    return job;
  }
  readonly #seenArchives = new Map<string, string>();
  /** `{project}/{instance}/{archive}` of every archive id a job reported to this gateway. */
  readonly #reportedArchives = new Set<string>();

  get exportHttp(): VendorHttp {
    this.#exportHttp ??= this.http.withClassifier(classifyExportError);
    return this.#exportHttp;
  }
  #exportHttp: VendorHttp | undefined;

  /**
   * The once-only download. ROMA answers a second download (or an archive it no longer has) with
   * an error: that becomes ARCHIVE_ALREADY_CONSUMED, telling the user to run a new export job. The
   * status of that refusal is not documented (403 "already downloaded" here; the old edition lists
   * only 404): a 404 for an archive id that a job reported to this gateway means the same, since
   * ROMA issued that id, so it is ARCHIVE_ALREADY_CONSUMED too, never "does not exist".
   */
  async downloadArchive(s: Scope, archiveId: string, signal?: AbortSignal): Promise<VendorResponse> {
    checkRomaId('archiveId', archiveId);
    try {
      return await this.archiveHttp.request({
        path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/archives/${archiveId}`,
        headers: { accept: '*/*' },
        signal,
        // Never repeat the once-only download: a retry after bytes moved would find it consumed.
        idempotent: false,
        stream: true,
      });
    } catch (err) {
      const e = err as GatewayError;
      if (
        err instanceof Error &&
        e.code === 'NOT_FOUND' &&
        this.#reportedArchives.has(archiveKey(s, archiveId))
      ) {
        throw new ArchiveAlreadyConsumedError(CONSUMED_MESSAGE, {
          vendor: ROMA_REF.vendor,
          httpStatus: 404,
          vendorCode: e.vendorCode,
          requestId: e.requestId,
        });
      }
      throw err;
    }
  }

  /**
   * ListAppsV2 (support.huaweicloud.com/intl/en-us/api-roma/ListAppsV2.html): `GET
   * /v2/{project_id}/apic/instances/{instance_id}/apps?offset&limit(1–500)&name` (name is a fuzzy
   * match) → `{total, size, apps: [AppInfoWithBindNum]}` (see `RomaApp`).
   */
  async listApps(
    s: Scope,
    q: { offset: number; limit: number; name?: string },
    signal?: AbortSignal,
  ): Promise<RomaList<RomaApp>> {
    const body = await this.http.json({
      path: path`/v2/${s.projectId}/apic/instances/${s.instanceId}/apps`,
      query: { offset: String(q.offset), limit: String(q.limit), name: q.name },
      signal,
    });
    return parseApps(body);
  }

  /**
   * ListTasks (FDI): `GET /v2/{project_id}/fdi/instances/{instance_id}/tasks?offset&limit&<name>&status`
   * → `{total, size, entities:[{task_id, task_name, task_type, status, execute_status, …}]}`. The
   * references disagree on the name parameter and the offset's base (ROMA_TASKS_EDITION, see
   * `TASKS_QUERY`); `q.offset` is the 0-based index of the first item wanted.
   */
  async listTasks(
    s: Scope,
    q: { offset: number; limit: number; taskName?: string; status?: string },
    signal?: AbortSignal,
  ): Promise<RomaList<RomaTask>> {
    const e = TASKS_QUERY[this.#editions.tasksEdition];
    const body = await this.http.json({
      path: path`/v2/${s.projectId}/fdi/instances/${s.instanceId}/tasks`,
      query: {
        offset: String(q.offset + e.firstOffset),
        limit: String(Math.min(q.limit, e.maxLimit)),
        [e.name]: q.taskName,
        status: q.status,
      },
      signal,
    });
    return parseTasks(body);
  }

  /** The same HTTP layer, with ROMA's once-only rule added to its error mapping. */
  get archiveHttp(): VendorHttp {
    this.#archiveHttp ??= this.http.withClassifier(classifyArchiveError);
    return this.#archiveHttp;
  }
  #archiveHttp: VendorHttp | undefined;

  close(): Promise<void> {
    return this.http.close();
  }
}

const archiveKey = (s: Scope, archiveId: string) => `${s.projectId}/${s.instanceId}/${archiveId}`;

const CONSUMED_MESSAGE =
  'ROMA no longer has this archive: an asset package can be downloaded only once, and this one was taken before and is not in the gateway vault. Run a new export job (exportAssets) to get a new archive.';

/**
 * ListTasks by edition. `current`: support.huaweicloud.com/intl/en-us/api-roma/ListTasks.html
 * (2023-06): `task_name`, `offset` 1–20000, `limit` 1–1000 (the gateway reads offset 1 as the
 * first item: an offset that cannot be 0 counts from 1). `legacy`: support.huaweicloud.com/en-us/
 * api-roma/ListTasks.html: `taks_name` (sic), `offset` from 0. `sdk`: Huawei's SDK request model:
 * `name`, `offset` from 0, `limit` ≤ 999.
 */
const TASKS_QUERY: Record<
  RomaSettings['tasksEdition'],
  { name: string; firstOffset: number; maxLimit: number }
> = {
  current: { name: 'task_name', firstOffset: 1, maxLimit: 1000 },
  legacy: { name: 'taks_name', firstOffset: 0, maxLimit: 1000 },
  sdk: { name: 'name', firstOffset: 0, maxLimit: 999 },
};

/** The ExportAsset body of an edition (see `RomaClient.exportAssets`). */
function exportBody(edition: RomaSettings['exportEdition'], appIds: string[], taskIds: string[]): Json {
  switch (edition) {
    case 'intl-2022':
      return { apps: appIds.join(','), tasks: taskIds.map((task_id) => ({ task_id })) };
    case 'ae-ad-1':
      return { apps: appIds.map((app_id) => ({ app_id })), tasks: taskIds.map((task_id) => ({ task_id })) };
    default:
      return { apps: appIds.map((id) => ({ id })), tasks: taskIds.map((id) => ({ id })) };
  }
}

/** ROMA's words for "you already have an export job running" (the reference names no error code). */
const JOB_RUNNING =
  /already (a |an )?(running|in progress)|job (is )?(still )?running|running (export )?job|only one/i;

/**
 * One running export job per user: ROMA refuses a second with a 4xx error body. That is "try
 * again later", not a malformed request, so it becomes RATE_LIMITED (with ROMA's vendorCode).
 */
function classifyExportError(status: number, info: VendorErrorInfo): GatewayError | undefined {
  if (status < 400 || status >= 500 || status === 401 || status === 429) return undefined;
  if (!JOB_RUNNING.test(info.message ?? '')) return undefined;
  return new RateLimitedError(
    `ROMA runs one asset export job per user at a time and one is still running: wait until it is no longer RUNNING (assetJob), then export again. ROMA said: ${info.message ?? ''}`,
    {
      vendor: ROMA_REF.vendor,
      httpStatus: status,
      vendorCode: info.vendorCode,
      requestId: info.requestId,
    },
  );
}

/**
 * DownloadAssetPackage: an archive is downloadable once. ROMA's documented refusal of a second
 * download (403 / 410 saying it was downloaded or is gone) is ARCHIVE_ALREADY_CONSUMED; a plain
 * 404 (an id ROMA never issued, a typo) stays NOT_FOUND, which lookups turn into null.
 */
function classifyArchiveError(status: number, info: VendorErrorInfo): GatewayError | undefined {
  const gone =
    status === 410 || (status === 403 && /already|downloaded|no longer|expired/i.test(info.message ?? ''));
  if (!gone) return undefined;
  return new ArchiveAlreadyConsumedError(CONSUMED_MESSAGE, {
    vendor: ROMA_REF.vendor,
    httpStatus: status,
    vendorCode: info.vendorCode,
    requestId: info.requestId,
  });
}
