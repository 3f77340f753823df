/**
 * Oracle Cloud Marketplace publisher API client:
 * `GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}` with
 * `X-Oracle-UserId` on every call and a bearer token from settings or from
 * `GET /appstore/publisher/v1/authenticate` (HTTP Basic client id/secret), cached until expiry.
 */
import { BadUserInputError } from '../../foundations/errors.js';
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { fetchAccessToken } from '../../http/oauth.js';
import { path } from '../../http/url.js';
import { type VendorAuth, type VendorErrorInfo, VendorHttp } from '../../http/vendor-http.js';
import type { OracleSettings } from './settings.js';
import { type ClientDeps, httpDeps } from '../types.js';
import {
  type OracleApplication,
  type OraclePackage,
  parseApplications,
  parsePackage,
  parsePackages,
} from './shapes.js';

const NUMERIC_ID = /^[1-9]\d{0,17}$/;

export function checkNumericId(name: string, value: string): string {
  if (!NUMERIC_ID.test(value)) throw new BadUserInputError(`${name} must be a numeric id`);
  return value;
}

/** Oracle's error bodies vary by gateway layer: take the usual message/code fields if present. */
export function parseOracleError(body: unknown, headers: Record<string, unknown>): VendorErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const msg = b.message ?? b.errorMessage ?? b.detail ?? b.title;
  const code = b.code ?? b.errorCode ?? b['o:errorCode'];
  const rid = headers['opc-request-id'] ?? headers['x-oracle-dms-ecid'];
  return {
    message: typeof msg === 'string' ? msg : undefined,
    vendorCode: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
    requestId: typeof rid === 'string' ? rid : undefined,
  };
}

export class OracleClient {
  readonly http: VendorHttp;
  readonly tokenCache: TokenCache | undefined;
  readonly #userId: string;

  constructor(settings: OracleSettings, baseUrl: string, deps: ClientDeps) {
    this.#userId = settings.userId ?? '';
    let auth: VendorAuth | undefined;
    const { accessToken, clientId, clientSecret } = settings;
    if (accessToken) {
      auth = staticAuth('authorization', bearerValue, accessToken);
    } else if (clientId && clientSecret) {
      this.tokenCache = new TokenCache(
        (signal) =>
          fetchAccessToken(
            this.http,
            {
              path: '/appstore/publisher/v1/authenticate',
              signal,
              headers: {
                authorization: basicHeader(clientId, clientSecret.reveal()),
                'x-oracle-userid': this.#userId,
              },
            },
            604_800,
          ),
        undefined,
        deps.sharedCredential?.(['authenticate', baseUrl, clientId, clientSecret.reveal(), this.#userId]),
      );
      auth = renewableAuth('authorization', bearerValue, this.tokenCache);
    }
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      cache: deps.cache,
      auth,
      parseError: parseOracleError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  async packageVersion(
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
