/**
 * Oracle Cloud Marketplace publisher API client, one method per call: the package version
 * (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}`), the
 * application list and a listing's packages, with `X-Oracle-UserId` on every call. Credentials:
 * auth.ts; ids and bodies: parse.ts; error bodies: errors.ts.
 */
import { bearerValue, type TokenCache } from '../../http/auth.js';
import { path } from '../../http/url.js';
import { VendorHttp } from '../../http/vendor-http.js';
import type { OracleSettings } from './settings.js';
import { type ClientDeps, httpDeps } from '../types.js';
import { oracleAuth } from './auth.js';
import { parseOracleError } from './errors.js';
import {
  checkNumericId,
  type OracleApplication,
  type OraclePackage,
  parseApplications,
  parsePackage,
  parsePackages,
} from './parse.js';

export class OracleClient {
  readonly http: VendorHttp;
  readonly tokenCache: TokenCache | undefined;
  readonly #userId: string;

  constructor(settings: OracleSettings, baseUrl: string, deps: ClientDeps) {
    this.#userId = settings.userId ?? '';
    const { auth, tokenCache } = oracleAuth(settings, baseUrl, () => this.http, deps);
    this.tokenCache = tokenCache;
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      cache: deps.cache,
      auth,
      parseError: parseOracleError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  async getPackageVersion(
    listingVersionId: string,
    packageVersionId: string,
    signal?: AbortSignal,
  ): Promise<OraclePackage> {
    checkNumericId('listingVersionId', listingVersionId);
    checkNumericId('packageVersionId', packageVersionId);
    const body = await this.http.json({
      path: path`/appstore/publisher/v1/applications/${listingVersionId}/packages/${packageVersionId}`,
      headers: { 'x-oracle-userid': this.#userId },
      signal,
      cache: true,
    });
    return parsePackage(body);
  }

  /**
   * "List of Applications" (`GET /appstore/publisher/v1/applications`, docs.oracle.com/en/cloud/
   * marketplace/partner-portal/rest-api-publisher/op-publisher-v1-applications-get.html): `limit`
   * 1–100, `offset`, `status` (comma-separated) → `{items: [{listingSummary: {listingVersionId,
   * name, status…}}], hasMore?}` (collection → items → listingSummary; flat items are read too).
   */
  async listApplications(
    q: { offset: number; limit: number; status?: string[] },
    signal?: AbortSignal,
  ): Promise<{ items: OracleApplication[]; hasMore: boolean | null }> {
    const body = await this.http.json({
      path: path`/appstore/publisher/v1/applications`,
      query: {
        offset: String(q.offset),
        limit: String(q.limit),
        status: q.status?.length ? q.status.join(',') : undefined,
      },
      headers: { 'x-oracle-userid': this.#userId },
      signal,
    });
    return parseApplications(body);
  }

  /**
   * "Application Package" (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages`,
   * docs.oracle.com/en/cloud/marketplace/partner-portal/rest-api-publisher/
   * op-publisher-v1-applications-listingversionid-packages-get.html): the root schema is one
   * PackageVersion; `{items: [PackageVersion]}` is read too (see `parsePackages`).
   */
  async listPackages(listingVersionId: string, signal?: AbortSignal): Promise<OraclePackage[]> {
    checkNumericId('listingVersionId', listingVersionId);
    const body = await this.http.json({
      path: path`/appstore/publisher/v1/applications/${listingVersionId}/packages`,
      headers: { 'x-oracle-userid': this.#userId },
      signal,
    });
    return parsePackages(body);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
