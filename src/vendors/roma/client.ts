/**
 * Huawei ROMA Connect client: asset export jobs (`POST …/assets/export`, `GET …/assets/jobs/{id}`),
 * the once-only archive download (`GET …/assets/archives/{archive_id}`) and the app and task lists,
 * one method per call. Credentials: auth.ts; bodies: parse.ts; error mapping: errors.ts.
 */
import { LRUCache } from 'lru-cache';
import {
  ArchiveAlreadyConsumedError,
  BadUserInputError,
  type GatewayError,
} from '../../foundations/errors.js';
import type { TokenCache } from '../../http/auth.js';
import { path } from '../../http/url.js';
import { VendorHttp, type VendorResponse } from '../../http/vendor-http.js';
import type { RomaSettings } from './settings.js';
import type { Json } from '../parse.js';
import { type ClientDeps, httpDeps } from '../types.js';
import type { Scope } from './archive-source.js';
import { ArchiveKeeper } from './archives.js';
import { romaAuth } from './auth.js';
import { CONSUMED_MESSAGE, classifyArchiveError, classifyExportError, parseRomaError } from './errors.js';
import {
  checkRomaId,
  type ExportJob,
  parseApps,
  parseExport,
  parseJob,
  parseTasks,
  type RomaApp,
  type RomaList,
  type RomaTask,
} from './parse.js';
import { ROMA } from './ref.js';

const SEEN_ARCHIVES_MAX = 10_000;

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
    const { auth, tokenCache } = romaAuth(settings, () => this.http, deps);
    this.tokenCache = tokenCache;
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      auth,
      parseError: parseRomaError,
      forwardedHeaders: (t) => ({ 'x-auth-token': t }),
    });
  }

  /** Project and instance from arguments, else from settings; validated either way. */
  resolveScope(projectId?: string | null, instanceId?: string | null): Scope {
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
  async getJob(s: Scope, jobId: string, signal?: AbortSignal): Promise<ExportJob> {
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
      const reported = archiveKey(s, job.archiveId);
      this.#seenArchives.set(key, { archiveId: job.archiveId, reported });
      this.#reportedArchives.add(reported);
    } else if (job.status === 'FINISHED') {
      job.knownArchiveId = this.#seenArchives.get(key)?.archiveId ?? null;
    }
    return job;
  }
  /** Job → the archive it reported, the most recent SEEN_ARCHIVES_MAX jobs. */
  readonly #seenArchives = new LRUCache<string, { archiveId: string; reported: string }>({
    max: SEEN_ARCHIVES_MAX,
    // A forgotten job's archive is no longer known as issued (see `downloadArchive`).
    dispose: (v, _key, reason) => {
      if (reason === 'evict') this.#reportedArchives.delete(v.reported);
    },
  });
  /** `{project}/{instance}/{archive}` of every archive id a remembered job reported to this gateway. */
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
          vendor: ROMA.vendor,
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
