/**
 * Huawei ROMA Connect client: asset export jobs (`POST …/assets/export`, `GET …/assets/jobs/{id}`)
 * and the once-only archive download (`GET …/assets/archives/{archive_id}`), with `X-Auth-Token`
 * from settings or from IAM password auth (`POST {iam}/v3/auth/tokens`, project scope, token in
 * `X-Subject-Token`, cached for its 24 h life minus a margin, renewed once after a 401).
 */
import {
  ArchiveAlreadyConsumedError,
  BadUserInputError,
  type GatewayError,
  RateLimitedError,
  UpstreamInvalidResponseError,
} from '../../errors.js';
import { renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { path } from '../../http/url.js';
import {
  type VendorAuth,
  type VendorErrorInfo,
  VendorHttp,
  type VendorResponse,
} from '../../http/vendor-http.js';
import type { RomaSettings } from '../../settings.js';
import type { ClientDeps } from '../types.js';
import type { Scope } from './archive-source.js';
import { ArchiveKeeper } from './archives.js';

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

/** `begin_time`/`end_time`: RFC 3339 strings now, numbers (epoch ms or s) in older editions. */
export function romaTime(v: unknown): Date | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    return new Date(v < 1e11 ? v * 1000 : v); // seconds below year 5138 in ms
  }
  if (typeof v === 'string' && v.trim() !== '') {
    if (/^\d+$/.test(v.trim())) return romaTime(Number(v.trim()));
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t);
  }
  return null;
}

/** `progress_percent` is documented 0–1; a value above 1 is read as a 0–100 percentage. */
function progressOf(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return null;
  return n > 1 ? Math.min(1, n / 100) : n;
}

/** Reads a CheckAssetJobStatus body in every documented edition. */
export function parseJob(jobId: string, data: unknown): ExportJob {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const rawStatus = str(d.status);
  const reasonList = Array.isArray(d.reasons) ? d.reasons : Array.isArray(d.reason) ? d.reason : [];
  const entities = (typeof d.entities === 'object' && d.entities !== null ? d.entities : {}) as Record<
    string,
    unknown
  >;
  const status = (rawStatus && STATUS[rawStatus.toUpperCase()]) || 'UNKNOWN';
  return {
    jobId: str(d.id) ?? jobId,
    type: str(d.type),
    status,
    rawStatus,
    progress: progressOf(d.progress_percent),
    reasons: reasonList
      .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
      .map((r) => ({
        resourceType: str(r.resource_type),
        resourceName: str(r.resource_name),
        errorCode: str(r.error_code),
        errorMsg: str(r.error_msg),
      })),
    // Top-level `archive_id` (CheckAssetJobStatus); the download page calls it `entities.archive_id`.
    archiveId: status === 'FINISHED' ? null : (str(d.archive_id) ?? str(entities.archive_id)),
    beginTime: romaTime(d.begin_time),
    endTime: romaTime(d.end_time),
    raw: d,
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

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** One page of a ROMA list: `{total, size, <items>: [...]}`. */
export interface RomaList {
  total: number | null;
  items: Record<string, unknown>[];
}

function romaList(data: unknown, key: string): RomaList {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const list = d[key] ?? [];
  if (!Array.isArray(list)) {
    throw new UpstreamInvalidResponseError(`ROMA sent \`${key}\` that is not a list`, {
      vendor: 'HUAWEI_ROMA_CONNECT',
      httpStatus: 200,
    });
  }
  const total = typeof d.total === 'number' && Number.isFinite(d.total) ? d.total : null;
  return {
    total,
    items: list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null),
  };
}

export class RomaClient {
  readonly http: VendorHttp;
  readonly tokenCache: TokenCache | undefined;
  readonly defaults: { projectId: string | undefined; instanceId: string | undefined };
  readonly archives: ArchiveKeeper;

  constructor(settings: RomaSettings, baseUrl: string, deps: ClientDeps) {
    this.defaults = { projectId: settings.projectId, instanceId: settings.instanceId };
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
              vendor: 'HUAWEI_ROMA_CONNECT',
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
      vendor: 'HUAWEI_ROMA_CONNECT',
      label: deps.label,
      baseUrl,
      upstream: deps.upstream,
      logger: deps.logger,
      rateGate: deps.rateGate,
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
   * apps and tasks, one running export job per user. ROMA's refusal of a second running job
   * becomes RATE_LIMITED (see `classifyExportError`).
   */
  async exportAssets(s: Scope, appIds: string[], taskIds: string[], signal?: AbortSignal): Promise<string> {
    const { data } = await this.exportHttp.json({
      method: 'POST',
      path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/export`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apps: appIds.map((id) => ({ id })),
        tasks: taskIds.map((id) => ({ id })),
      }),
      signal,
    });
    const jobId = str((data as { job_id?: unknown })?.job_id);
    if (!jobId) {
      throw new UpstreamInvalidResponseError('ROMA export returned no job_id', {
        vendor: 'HUAWEI_ROMA_CONNECT',
      });
    }
    return jobId;
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
        this.#seenArchives.delete(this.#seenArchives.keys().next().value as string);
      }
      this.#seenArchives.set(key, job.archiveId);
    } else if (job.status === 'FINISHED') {
      job.knownArchiveId = this.#seenArchives.get(key) ?? null;
    }
    return job;
  }
  readonly #seenArchives = new Map<string, string>();

  get exportHttp(): VendorHttp {
    this.#exportHttp ??= this.http.withClassifier(classifyExportError);
    return this.#exportHttp;
  }
  #exportHttp: VendorHttp | undefined;

  /**
   * The once-only download. ROMA answers a second download (or an archive it no longer has) with
   * an error: that becomes ARCHIVE_ALREADY_CONSUMED, telling the user to run a new export job.
   */
  async downloadArchive(s: Scope, archiveId: string, signal?: AbortSignal): Promise<VendorResponse> {
    checkRomaId('archiveId', archiveId);
    return this.archiveHttp.request({
      path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/archives/${archiveId}`,
      headers: { accept: '*/*' },
      signal,
      // Never repeat the once-only download: a retry after bytes moved would find it consumed.
      idempotent: false,
    });
  }

  /**
   * ListAppsV2 (support.huaweicloud.com/intl/en-us/api-roma/ListAppsV2.html): `GET
   * /v2/{project_id}/apic/instances/{instance_id}/apps?offset&limit(1–500)&name` (name is a fuzzy
   * match) → `{total, size, apps:[{id, name, remark, create_time, update_time, …}]}`.
   */
  async listApps(
    s: Scope,
    q: { offset: number; limit: number; name?: string },
    signal?: AbortSignal,
  ): Promise<RomaList> {
    const { data } = await this.http.json({
      path: path`/v2/${s.projectId}/apic/instances/${s.instanceId}/apps`,
      query: { offset: String(q.offset), limit: String(q.limit), name: q.name },
      signal,
    });
    return romaList(data, 'apps');
  }

  /**
   * ListTasks (support.huaweicloud.com/api-roma/ListTasks.html, FDI): `GET
   * /v2/{project_id}/fdi/instances/{instance_id}/tasks?offset&limit&task_name&status` →
   * `{total, size, entities:[{task_id, task_name, task_type, status, execute_status, …}]}`.
   */
  async listTasks(
    s: Scope,
    q: { offset: number; limit: number; taskName?: string; status?: string },
    signal?: AbortSignal,
  ): Promise<RomaList> {
    const { data } = await this.http.json({
      path: path`/v2/${s.projectId}/fdi/instances/${s.instanceId}/tasks`,
      query: { offset: String(q.offset), limit: String(q.limit), task_name: q.taskName, status: q.status },
      signal,
    });
    return romaList(data, 'entities');
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
      vendor: 'HUAWEI_ROMA_CONNECT',
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
  return new ArchiveAlreadyConsumedError(
    'ROMA no longer has this archive: an asset package can be downloaded only once, and this one was taken before and is not in the gateway vault. Run a new export job (exportAssets) to get a new archive.',
    {
      vendor: 'HUAWEI_ROMA_CONNECT',
      httpStatus: status,
      vendorCode: info.vendorCode,
      requestId: info.requestId,
    },
  );
}
