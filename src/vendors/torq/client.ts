/** Torq public API client: `GET /v1alpha/integrations?type_id=`, bearer auth (static or client credentials). */
import { UpstreamInvalidResponseError } from '../../errors.js';
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { fetchAccessToken } from '../../http/oauth.js';
import { path } from '../../http/url.js';
import { type VendorAuth, type VendorErrorInfo, VendorHttp } from '../../http/vendor-http.js';
import type { TorqSettings } from '../../settings.js';
import type { ClientDeps } from '../types.js';

/**
 * One item of `integrations` as Torq documents it (v1alphaIntegration, the seed
 * torq-list-integrations.txt / docs.torq.io "List integrations"): every property is optional in
 * the schema, so only `id` (our key) is required here.
 */
export interface TorqIntegrationJson {
  id: string;
  name?: string;
  display_name?: string;
  type_id?: string;
  created_at?: string;
  created_by?: string;
  last_used_at?: string;
  details?: { trigger?: { webhook_url?: string } };
  sharing_data?: { direction?: string; workspace_ids?: string[] };
}

/** Torq's error body (google.rpc.Status): `{code, message, details}`. */
export function parseTorqError(body: unknown, headers: Record<string, unknown>): VendorErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    message: typeof b.message === 'string' ? b.message : undefined,
    vendorCode: typeof b.code === 'number' || typeof b.code === 'string' ? String(b.code) : undefined,
    requestId: typeof headers['x-request-id'] === 'string' ? headers['x-request-id'] : undefined,
    details: b.details,
  };
}

export class TorqClient {
  readonly http: VendorHttp;
  readonly tokenCache: TokenCache | undefined;

  constructor(settings: TorqSettings, baseUrl: string, deps: ClientDeps) {
    let auth: VendorAuth | undefined;
    const { token, clientId, clientSecret } = settings;
    if (token) {
      auth = staticAuth('authorization', bearerValue, token);
    } else if (clientId && clientSecret) {
      this.tokenCache = new TokenCache(
        (signal) =>
          fetchAccessToken(
            this.http,
            {
              method: 'POST',
              baseUrl: settings.authUrl,
              path: '',
              signal,
              headers: {
                authorization: basicHeader(clientId, clientSecret.reveal()),
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: 'grant_type=client_credentials',
            },
            3600,
          ),
        undefined,
        deps.sharedCredential?.(['client_credentials', settings.authUrl, clientId, clientSecret.reveal()]),
      );
      auth = renewableAuth('authorization', bearerValue, this.tokenCache);
    }
    this.http = new VendorHttp({
      vendor: 'TORQ',
      label: deps.label,
      baseUrl,
      upstream: deps.upstream,
      logger: deps.logger,
      cache: deps.cache,
      rateGate: deps.rateGate,
      auth,
      parseError: parseTorqError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  /** Every integration of the workspace, or of one type. Torq does not paginate this list. */
  async listIntegrations(typeId: string | undefined, signal?: AbortSignal): Promise<TorqIntegrationJson[]> {
    const { data } = await this.http.json({
      path: path`/v1alpha/integrations`,
      query: { type_id: typeId },
      signal,
      cache: true,
    });
    const list = (data as { integrations?: unknown })?.integrations;
    // proto3 JSON omits empty repeated fields: `{}` is an empty list.
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      throw new UpstreamInvalidResponseError('Torq sent `integrations` that is not a list', {
        vendor: 'TORQ',
        httpStatus: 200,
      });
    }
    // Items without a `name` are kept (the schema marks nothing required); without an `id` an item
    // cannot be looked up or paginated stably, so it is left out.
    return list.filter(
      (i): i is TorqIntegrationJson => typeof i === 'object' && i !== null && typeof i.id === 'string',
    );
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
