/**
 * Akana API Platform client: the app version (`GET /api/apps/versions/{AppVersionID}`), the app
 * and version lists, and the export (`GET /api/apps/versions/{AppVersionID}/package`, a zip), one
 * method per call. The session: auth.ts; bodies and ids: parse.ts; error bodies: errors.ts.
 */
import type { Readable } from 'node:stream';
import { fileNameFromDisposition } from '../../downloads/content-disposition.js';
import type { TokenCache } from '../../http/auth.js';
import { decodedBody } from '../../http/decode.js';
import { path } from '../../http/url.js';
import { VendorHttp } from '../../http/vendor-http.js';
import type { AkanaSettings } from './settings.js';
import type { Json } from '../parse.js';
import { type ClientDeps, httpDeps } from '../types.js';
import { akanaAuth } from './auth.js';
import { parseAkanaError } from './errors.js';
import {
  checkAkanaId,
  checkAppVersionId,
  type ExportOptions,
  OPTION_ORDER,
  OPTION_PARAMS,
  parseAppVersion,
  parseChannel,
} from './parse.js';

export interface ExportStream {
  body: Readable;
  contentType: string;
  contentLength: number | undefined;
  fileName: string | undefined;
}

export class AkanaClient {
  readonly http: VendorHttp;
  readonly fedMemberId: string;
  /** Whose apps the list field shows when the caller names no user (AKANA_USER_ID). */
  readonly userId: string | undefined;
  readonly tokenCache: TokenCache | undefined;
  /** For audit lines of PKI exports served by the download route. */
  readonly logger: ClientDeps['logger'];

  constructor(settings: AkanaSettings, baseUrl: string, deps: ClientDeps) {
    this.logger = deps.logger;
    this.fedMemberId = settings.fedMemberId ?? '';
    this.userId = settings.userId;
    const { auth, tokenCache, cookieName } = akanaAuth(settings, baseUrl, () => this.http, deps);
    this.tokenCache = tokenCache;
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      auth,
      parseError: parseAkanaError,
      forwardedHeaders: (session) => ({ cookie: `${cookieName}=${session}` }),
    });
  }

  /**
   * `GET /api/apps/versions/{AppVersionID}` ("Returns a version of an app",
   * help.akana.com/content/current/cm/api/apps/m_apps_getVersion.htm): the cheapest documented
   * existence check before an export (a small JSON instead of a zip). Null on 404.
   */
  async getAppVersion(appVersionId: string, signal?: AbortSignal): Promise<Json | null> {
    checkAppVersionId(appVersionId);
    try {
      const body = await this.http.json({
        path: path`/api/apps/versions/${appVersionId}`,
        headers: { accept: 'application/json' },
        signal,
      });
      return parseAppVersion(body);
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  /**
   * `GET /api/users/{UserID}/apps` (help.akana.com/content/current/cm/api/users/m_users_getApps.htm):
   * the apps whose team the user is on, `start`/`count` paged, as the RSS-style JSON channel the
   * reference documents for `Accept: application/json` (`{channel: {item: [...]}}`).
   */
  async listUserApps(userId: string, q: { start: number; count: number }, signal?: AbortSignal) {
    checkAkanaId('userId', userId);
    const body = await this.http.json({
      path: path`/api/users/${userId}/apps`,
      query: { start: String(q.start), count: String(q.count) },
      headers: { accept: 'application/json' },
      signal,
    });
    return parseChannel(body);
  }

  /** `GET /api/apps/{AppID}/versions` (help.akana.com/content/current/cm/api/index_apps.htm): the same channel form. */
  async listAppVersions(appId: string, signal?: AbortSignal) {
    checkAkanaId('appId', appId);
    const body = await this.http.json({
      path: path`/api/apps/${appId}/versions`,
      headers: { accept: 'application/json' },
      signal,
    });
    return parseChannel(body);
  }

  /** Starts the export download; the caller consumes (or destroys) the body. */
  async downloadExport(
    appVersionId: string,
    options: ExportOptions,
    signal?: AbortSignal,
  ): Promise<ExportStream> {
    checkAppVersionId(appVersionId);
    const query: Record<string, string> = { exportVersion: 'current' };
    for (const k of OPTION_ORDER) if (options[k]) query[OPTION_PARAMS[k]] = 'true';
    const res = await this.http.request({
      path: path`/api/apps/versions/${appVersionId}/package`,
      query,
      headers: { accept: 'application/octet-stream', 'accept-encoding': 'gzip' },
      signal,
      stream: true,
    });
    const { body, contentLength } = decodedBody(res);
    return {
      body,
      contentLength,
      contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
      fileName: fileNameFromDisposition(res.headers['content-disposition']),
    };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
