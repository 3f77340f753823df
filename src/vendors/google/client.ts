/**
 * Google Cloud Application Integration client, one method per call:
 * `GET /v1/{name=projects/*\/locations/*\/integrations/*\/versions/*}:downloadJsonPackage?files=…`,
 * `GET /v1/{name}` (versions.get, the cheap existence check; docs.cloud.google.com/
 * application-integration/docs/reference/rest/v1/projects.locations.integrations.versions/get),
 * integrations.list and versions.list. Credentials: auth.ts; names and bodies: parse.ts; error
 * bodies: errors.ts.
 */
import { bearerValue } from '../../http/auth.js';
import { path } from '../../http/url.js';
import { type VendorRequest, type VendorResponse, VendorHttp } from '../../http/vendor-http.js';
import type { GoogleSettings } from './settings.js';
import { type ClientDeps, httpDeps } from '../types.js';
import { googleAuth } from './auth.js';
import { parseGoogleError } from './errors.js';
import {
  type FileType,
  type GoogleVersion,
  type ListParent,
  parseFiles,
  parseIntegrations,
  parseVersion,
  parseVersions,
  regionalBaseUrl,
  type VersionName,
} from './parse.js';

export interface ListQuery {
  pageSize: number;
  pageToken?: string;
  filter?: string;
  orderBy?: string;
}

export class GoogleClient {
  readonly http: VendorHttp;
  /** The parent the list fields use when the caller names none (GOOGLE_PROJECT_ID, GOOGLE_LOCATION). */
  readonly defaults: { projectId: string | undefined; location: string | undefined };

  constructor(settings: GoogleSettings, baseUrl: string, deps: ClientDeps) {
    this.defaults = { projectId: settings.projectId, location: settings.location };
    const auth = googleAuth(settings);
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      cache: deps.cache,
      auth,
      parseError: parseGoogleError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  /** A regional base URL template (`https://{location}-integrations.googleapis.com`) is filled in. */
  #baseFor(v: { location: string }): string {
    return regionalBaseUrl(this.http.baseUrl, v.location);
  }

  #request(v: VersionName, types: readonly FileType[] | 'ALL', signal?: AbortSignal): VendorRequest {
    return {
      baseUrl: this.#baseFor(v),
      path: path`/v1/projects/${v.projectId}/locations/${v.location}/integrations/${v.integration}/versions/${v.version}:downloadJsonPackage`,
      query: { files: types === 'ALL' ? undefined : [...types] },
      signal,
    };
  }

  /** The package's files: all of them, or only `types` (repeated `files=` parameters). */
  async getPackageFiles(v: VersionName, types: readonly FileType[] | 'ALL', signal?: AbortSignal) {
    const body = await this.http.json({ ...this.#request(v, types, signal), cache: true });
    return parseFiles(body);
  }

  /**
   * versions.get (`GET /v1/{name}`): the IntegrationVersion, or null when Google answers 404.
   * The existence check behind every lookup (root field, node, nodes).
   */
  async getVersion(v: VersionName, signal?: AbortSignal): Promise<GoogleVersion | null> {
    try {
      const body = await this.http.json({
        baseUrl: this.#baseFor(v),
        path: path`/v1/projects/${v.projectId}/locations/${v.location}/integrations/${v.integration}/versions/${v.version}`,
        signal,
      });
      return parseVersion(body);
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  /**
   * integrations.list (docs.cloud.google.com/application-integration/docs/reference/rest/v1/
   * projects.locations.integrations/list): `GET /v1/{parent=projects/*\/locations/*}/integrations`
   * with `pageSize`, `pageToken`, `filter`, `orderBy` → `{integrations: [Integration], nextPageToken}`.
   */
  async listIntegrations(parent: ListParent, q: ListQuery, signal?: AbortSignal) {
    const body = await this.http.json({
      baseUrl: this.#baseFor(parent),
      path: path`/v1/projects/${parent.projectId}/locations/${parent.location}/integrations`,
      query: listQuery(q),
      signal,
    });
    return parseIntegrations(body);
  }

  /**
   * versions.list (docs.cloud.google.com/application-integration/docs/reference/rest/v1/
   * projects.locations.integrations.versions/list): `GET /v1/{parent=projects/*\/locations/*\/
   * integrations/*}/versions` (`integrations/-`: every integration of the region), `pageSize` ≤ 1000,
   * `pageToken`, `filter`, `orderBy` → `{integrationVersions: [IntegrationVersion], nextPageToken,
   * noPermission}`: the same IntegrationVersion objects as versions.get.
   */
  async listVersions(parent: ListParent, q: ListQuery, signal?: AbortSignal) {
    const body = await this.http.json({
      baseUrl: this.#baseFor(parent),
      path: path`/v1/projects/${parent.projectId}/locations/${parent.location}/integrations/${parent.integration ?? '-'}/versions`,
      query: listQuery(q),
      signal,
    });
    return parseVersions(body);
  }

  /** The whole package as a stream, for the download route. */
  async downloadPackage(v: VersionName, signal?: AbortSignal): Promise<VendorResponse> {
    return this.http.request({ ...this.#request(v, 'ALL', signal), stream: true });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function listQuery(q: ListQuery): Record<string, string | undefined> {
  return { pageSize: String(q.pageSize), pageToken: q.pageToken, filter: q.filter, orderBy: q.orderBy };
}
