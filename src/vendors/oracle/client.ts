/**
 * Oracle Cloud Marketplace publisher API client:
 * `GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}` with
 * `X-Oracle-UserId` on every call and a bearer token from settings or from
 * `GET /appstore/publisher/v1/authenticate` (HTTP Basic client id/secret), cached until expiry.
 */
import { BadUserInputError, UpstreamInvalidResponseError } from '../../errors.js';
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { fetchAccessToken } from '../../http/oauth.js';
import { path } from '../../http/url.js';
import { type VendorAuth, type VendorErrorInfo, VendorHttp } from '../../http/vendor-http.js';
import type { OracleSettings } from '../../settings.js';
import type { ClientDeps } from '../types.js';

export type PackageJson = Record<string, unknown>;

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
      vendor: 'ORACLE_CLOUD_MARKETPLACE',
      label: deps.label,
      baseUrl,
      upstream: deps.upstream,
      logger: deps.logger,
      cache: deps.cache,
      rateGate: deps.rateGate,
      auth,
      parseError: parseOracleError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  async packageVersion(
    listingVersionId: string,
    packageVersionId: string,
    signal?: AbortSignal,
  ): Promise<PackageJson> {
    checkNumericId('listingVersionId', listingVersionId);
    checkNumericId('packageVersionId', packageVersionId);
    const { data } = await this.http.json({
      path: path`/appstore/publisher/v1/applications/${listingVersionId}/packages/${packageVersionId}`,
      headers: { 'x-oracle-userid': this.#userId },
      signal,
      cache: true,
    });
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new UpstreamInvalidResponseError('Oracle sent a package that is not an object', {
        vendor: 'ORACLE_CLOUD_MARKETPLACE',
        httpStatus: 200,
      });
    }
    return data as PackageJson;
  }

  /**
   * "List of Applications" (`GET /appstore/publisher/v1/applications`, docs.oracle.com/en/cloud/
   * marketplace/partner-portal/rest-api-publisher/op-publisher-v1-applications-get.html): `limit`
   * 1–100, `offset`, `status` (comma-separated) → `{items, hasMore?}`.
   */
  async listApplications(
    q: { offset: number; limit: number; status?: string[] },
    signal?: AbortSignal,
  ): Promise<{ items: PackageJson[]; hasMore: boolean | null }> {
    const { data } = await this.http.json({
      path: path`/appstore/publisher/v1/applications`,
      query: {
        offset: String(q.offset),
        limit: String(q.limit),
        status: q.status?.length ? q.status.join(',') : undefined,
      },
      headers: { 'x-oracle-userid': this.#userId },
      signal,
    });
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    return { items: items(d.items), hasMore: typeof d.hasMore === 'boolean' ? d.hasMore : null };
  }

  /** `GET /appstore/publisher/v1/applications/{listingVersionId}/packages` → `{items: [PackageVersion]}`. */
  async listPackages(listingVersionId: string, signal?: AbortSignal): Promise<PackageJson[]> {
    checkNumericId('listingVersionId', listingVersionId);
    const { data } = await this.http.json({
      path: path`/appstore/publisher/v1/applications/${listingVersionId}/packages`,
      headers: { 'x-oracle-userid': this.#userId },
      signal,
    });
    // The v2 edition answers one Package object rather than a collection: read both.
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    return Array.isArray(d.items) ? items(d.items) : 'id' in d ? [d] : [];
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function items(v: unknown): PackageJson[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    throw new UpstreamInvalidResponseError('Oracle sent `items` that is not a list', {
      vendor: 'ORACLE_CLOUD_MARKETPLACE',
      httpStatus: 200,
    });
  }
  return v.filter((x): x is PackageJson => typeof x === 'object' && x !== null && !Array.isArray(x));
}
