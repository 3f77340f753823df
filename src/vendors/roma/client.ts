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
import { ArchiveKeeper } from './archives.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** ROMA ids: at most 64 characters of letters, digits, `-` and `_`. */
export function checkRomaId(name: string, value: string | null | undefined): string {
  if (value == null || !ID.test(value)) {
    throw new BadUserInputError(`${name} must be 1-64 letters, digits, "-" or "_"`);
  }
  return value;
}

export interface Scope {
  projectId: string;
  instanceId: string;
}

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

export type JobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';

export interface ExportJob {
  jobId: string;
  status: JobStatus;
  progressPercent: number | null;
  reasons: { resourceName: string | null; errorCode: string | null; errorMsg: string | null }[];
  archiveId: string | null;
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
      this.tokenCache = new TokenCache(async (signal) => {
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
      }, 60 * 60_000);
      auth = renewableAuth('x-auth-token', (t) => t, this.tokenCache);
    }
    this.http = new VendorHttp({
      vendor: 'HUAWEI_ROMA_CONNECT',
      baseUrl,
      upstream: deps.upstream,
      logger: deps.logger,
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

  async exportAssets(s: Scope, appIds: string[], taskIds: string[], signal?: AbortSignal): Promise<string> {
    const { data } = await this.http.json({
      method: 'POST',
      path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/export`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_ids: appIds, task_ids: taskIds }),
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

  async job(s: Scope, jobId: string, signal?: AbortSignal): Promise<ExportJob> {
    checkRomaId('jobId', jobId);
    const { data } = await this.http.json({
      path: path`/v2/${s.projectId}/instances/${s.instanceId}/assets/jobs/${jobId}`,
      signal,
      coalesce: false, // job status: every poll asks ROMA afresh
    });
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const status = str(d.status);
    const progress = typeof d.progress === 'number' ? Math.max(0, Math.min(100, d.progress)) : null;
    const reasons = Array.isArray(d.reasons) ? d.reasons : [];
    const entities = (typeof d.entities === 'object' && d.entities !== null ? d.entities : {}) as Record<
      string,
      unknown
    >;
    return {
      jobId,
      status: status === 'RUNNING' || status === 'SUCCEEDED' || status === 'FAILED' ? status : 'UNKNOWN',
      progressPercent: progress,
      reasons: reasons.map((r: Record<string, unknown>) => ({
        resourceName: str(r?.resource_name),
        errorCode: str(r?.error_code),
        errorMsg: str(r?.error_msg),
      })),
      archiveId: str(entities.archive_id),
    };
  }

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

function classifyArchiveError(status: number, info: VendorErrorInfo): GatewayError | undefined {
  const gone =
    status === 404 ||
    status === 410 ||
    (status === 403 && /already|downloaded|not exist|no longer/i.test(info.message ?? ''));
  if (!gone) return undefined;
  return new ArchiveAlreadyConsumedError(
    'ROMA no longer has this archive: an asset package can be downloaded only once, and this one was taken before (or never existed) and is not in the gateway vault. Run a new export job (exportAssets) to get a new archive.',
    {
      vendor: 'HUAWEI_ROMA_CONNECT',
      httpStatus: status,
      vendorCode: info.vendorCode,
      requestId: info.requestId,
    },
  );
}
