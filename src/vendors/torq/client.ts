/** Torq public API client: `GET /v1alpha/integrations?type_id=`, bearer auth (static or client credentials). */
import * as z from 'zod';
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { fetchAccessToken } from '../../http/oauth.js';
import { path } from '../../http/url.js';
import { type VendorAuth, type VendorErrorInfo, VendorHttp } from '../../http/vendor-http.js';
import type { TorqSettings } from '../../settings.js';
import { bodyParser, date, type Json, list, rawItems, text, url } from '../parse.js';
import { type ClientDeps, httpDeps } from '../types.js';

/**
 * One item of `integrations` as Torq documents it (v1alphaIntegration, the seed
 * torq-list-integrations.txt / docs.torq.io "List integrations"): the JSON shape, as the sandbox
 * serves it. Every property is optional in the schema.
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

export type SharingDirection = 'not_shared' | 'incoming' | 'outgoing';

const Item = z.object({
  id: z.string().optional(),
  name: text,
  display_name: text,
  type_id: text,
  created_at: date,
  created_by: text,
  last_used_at: date,
  details: z.object({ trigger: z.object({ webhook_url: url }).nullish() }).nullish(),
  sharing_data: z
    .object({
      // `not_shared` is the documented default; an unknown direction reads as that too.
      direction: text.transform((d): SharingDirection =>
        d === 'incoming' || d === 'outgoing' ? d : 'not_shared',
      ),
      workspace_ids: list(z.string()),
    })
    .nullish(),
});

/** A Torq integration, typed: what the `Integration` fields expose. */
export interface TorqIntegration {
  id: string;
  name: string | null;
  displayName: string | null;
  typeId: string | null;
  createdAt: Date | null;
  createdBy: string | null;
  lastUsedAt: Date | null;
  webhookUrl: string | null;
  sharing: { direction: SharingDirection; workspaceIds: string[] };
  /** The item exactly as Torq sent it. */
  raw: Json;
}

/** `GET /v1alpha/integrations`, parsed once per body. proto3 JSON omits empty lists: `{}` is none. */
const parseList = bodyParser(
  z.object({ integrations: list(Item) }),
  { vendor: 'TORQ', label: 'Torq', what: 'an integration list' },
  (typed, raw): TorqIntegration[] => {
    const sent = rawItems(raw, 'integrations');
    const out: TorqIntegration[] = [];
    typed.integrations.forEach((i, n) => {
      // Items without a `name` are kept (the schema marks nothing required); without an `id` an
      // item cannot be looked up or paginated stably, so it is left out.
      if (i.id === undefined) return;
      out.push({
        id: i.id,
        name: i.name,
        displayName: i.display_name,
        typeId: i.type_id,
        createdAt: i.created_at,
        createdBy: i.created_by,
        lastUsedAt: i.last_used_at,
        webhookUrl: i.details?.trigger?.webhook_url ?? null,
        sharing: {
          direction: i.sharing_data?.direction ?? 'not_shared',
          workspaceIds: i.sharing_data?.workspace_ids ?? [],
        },
        raw: sent[n] as Json,
      });
    });
    return out;
  },
);

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
      ...httpDeps(deps),
      baseUrl,
      cache: deps.cache,
      auth,
      parseError: parseTorqError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  /** Every integration of the workspace, or of one type. Torq does not paginate this list. */
  async listIntegrations(typeId: string | undefined, signal?: AbortSignal): Promise<TorqIntegration[]> {
    const { data } = await this.http.json({
      path: path`/v1alpha/integrations`,
      query: { type_id: typeId },
      signal,
      cache: true,
    });
    return parseList(data);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
