/** Torq public API client: `GET /v1alpha/integrations?type_id=`, bearer auth (static or client credentials). */
import * as z from 'zod';
import { UpstreamInvalidResponseError } from '../../foundations/errors.js';
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import type { JsonRead } from '../../http/cache.js';
import { fetchAccessToken } from '../../http/oauth.js';
import { path } from '../../http/url.js';
import {
  type VendorAuth,
  type VendorErrorInfo,
  VendorHttp,
  type VendorRequest,
} from '../../http/vendor-http.js';
import type { TorqSettings } from './settings.js';
import { compiledCheck, type Json, parseWith, rawItems, shape, toDate, toUrl } from '../parse.js';
import { type ClientDeps, httpDeps } from '../types.js';
import { ListBuilder, type ListedItem, type ListLimits, ListProblem, readList, TorqList } from './list.js';
import { TORQ } from './ref.js';

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

/**
 * The documented shape of an item, checked for every item of a body (a misshapen one fails the
 * list with the field's path) but not converted: `TorqItem` reads the values from the item as sent.
 * Only checks, so the list is checked by its compiled form (`checkOnly`, `compiledCheck`).
 */
const Item = z.object({
  id: z.string().optional(),
  name: shape.text,
  display_name: shape.text,
  type_id: shape.text,
  created_at: shape.time,
  created_by: shape.text,
  last_used_at: shape.time,
  details: z.object({ trigger: z.object({ webhook_url: shape.text }).nullish() }).nullish(),
  sharing_data: z.object({ direction: shape.text, workspace_ids: shape.list(z.string()) }).nullish(),
});
type ItemJson = z.output<typeof Item>;

/** A Torq integration, typed: what the `Integration` fields expose. */
export interface TorqIntegration {
  readonly id: string;
  readonly name: string | null;
  readonly displayName: string | null;
  readonly typeId: string | null;
  readonly createdAt: Date | null;
  readonly createdBy: string | null;
  readonly lastUsedAt: Date | null;
  readonly webhookUrl: string | null;
  readonly sharing: { direction: SharingDirection; workspaceIds: string[] };
  /** The item exactly as Torq sent it. */
  readonly raw: Json;
}

/**
 * One item of a checked list, read from the item as sent (`Item` has checked its types, so it
 * reads as `ItemJson`). The times and the URL are converted when first read: a page reads them
 * for its few items, not for the whole list Torq sends (320 in the sandbox). Read-only for its
 * users; the remembered conversions are its own.
 */
class TorqItem implements TorqIntegration {
  readonly id: string;
  readonly name: string | null;
  readonly displayName: string | null;
  readonly typeId: string | null;
  readonly createdBy: string | null;
  readonly sharing: { direction: SharingDirection; workspaceIds: string[] };
  #createdAt: Date | null | undefined;
  #lastUsedAt: Date | null | undefined;
  #webhookUrl: string | null | undefined;

  constructor(
    id: string,
    readonly raw: Json,
  ) {
    const item = this.#item;
    this.id = id;
    this.name = item.name ?? null;
    this.displayName = item.display_name ?? null;
    this.typeId = item.type_id ?? null;
    this.createdBy = item.created_by ?? null;
    const d = item.sharing_data?.direction;
    this.sharing = {
      // `not_shared` is the documented default; an unknown direction reads as that too.
      direction: d === 'incoming' || d === 'outgoing' ? d : 'not_shared',
      workspaceIds: item.sharing_data?.workspace_ids ?? [],
    };
  }

  get #item(): ItemJson {
    return this.raw as ItemJson;
  }

  get createdAt(): Date | null {
    return (this.#createdAt ??= toDate(this.#item.created_at));
  }

  get lastUsedAt(): Date | null {
    return (this.#lastUsedAt ??= toDate(this.#item.last_used_at));
  }

  get webhookUrl(): string | null {
    return (this.#webhookUrl ??= toUrl(this.#item.details?.trigger?.webhook_url));
  }
}

/** The documented shape of `GET /v1alpha/integrations`. proto3 JSON omits empty lists: `{}` is none. */
export const listShape = z.object({ integrations: shape.list(Item) });

/** The integrations of one `GET /v1alpha/integrations`, compact (list.ts). Shared: read only. */
export type TorqIntegrations = TorqList<TorqIntegration>;

const LIST = { vendor: TORQ.vendor, label: TORQ.name, what: 'an integration list' };
/** Lists whose body is larger than this are never written to a shared cache tier (REDIS_URL). */
const SHARED_LIST_BYTES = 4 * 1024 ** 2;
const itemAccepts = compiledCheck(Item);
const makeItem = ({ id, raw }: ListedItem): TorqIntegration => new TorqItem(id, raw);

/**
 * One item's check: of the documented shape (else UPSTREAM_INVALID_RESPONSE naming the field) and
 * kept. Items without a `name` are kept (the schema marks nothing required); without an `id` an
 * item cannot be looked up or paginated stably, so it is left out.
 */
function checkItem(item: unknown, index: number): item is Json & { id: string } {
  if (!itemAccepts(item)) parseWith(Item, item, { ...LIST, at: `integrations[${index}]` });
  return typeof (item as Json).id === 'string';
}

/** The UPSTREAM_INVALID_RESPONSE of a list that could not be read (shape, size, JSON). */
function listError(p: ListProblem): UpstreamInvalidResponseError {
  return new UpstreamInvalidResponseError(`Torq sent an integration list with ${p.field}: ${p.problem}`, {
    vendor: TORQ.vendor,
    httpStatus: 200,
    details: { field: p.field, problem: p.problem, ...(p.limit === undefined ? {} : { limit: p.limit }) },
  });
}

/** A list in its plain JSON form (a shared cache tier's entry): checked as a body, then compacted. */
const plainLists = new WeakMap<object, TorqIntegrations>();
function fromPlain(read: JsonRead, limits: ListLimits): TorqIntegrations {
  const key = read as object;
  const kept = plainLists.get(key);
  if (kept) return kept;
  // Checked whole first (the bad field named as for a streamed body), then read as sent.
  parseWith(listShape, read.data, LIST);
  const builder = new ListBuilder(limits, checkItem, makeItem);
  try {
    for (const item of rawItems(read.data as Json, 'integrations')) builder.add(item);
  } catch (err) {
    throw err instanceof ListProblem ? listError(err) : err;
  }
  const list = builder.done();
  plainLists.set(key, list);
  return list;
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
  readonly #limits: ListLimits;

  constructor(settings: TorqSettings, baseUrl: string, deps: ClientDeps) {
    this.#limits = { maxItems: settings.maxListItems, maxBytes: settings.maxListBytes };
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
      ...httpDeps(deps),
      baseUrl,
      cache: deps.cache,
      auth,
      parseError: parseTorqError,
      forwardedHeaders: (t) => ({ authorization: bearerValue(t) }),
    });
  }

  /**
   * Every integration of the workspace, or of one type. Torq does not paginate this list: it is
   * read as a stream into its compact form (list.ts), up to TORQ_MAX_LIST_ITEMS items and
   * TORQ_MAX_LIST_BYTES bytes, and that form is what the cache keeps (this process only).
   */
  async listIntegrations(typeId: string | undefined, signal?: AbortSignal): Promise<TorqIntegrations> {
    const read = await this.http.readWith(
      { path: path`/v1alpha/integrations`, query: { type_id: typeId }, signal, cache: true },
      (req) => this.#readList(req),
    );
    return read.data instanceof TorqList ? (read.data as TorqIntegrations) : fromPlain(read, this.#limits);
  }

  async #readList(req: VendorRequest): Promise<JsonRead> {
    const res = await this.http.request(req);
    const contentType = String(res.headers['content-type'] ?? '');
    if (contentType && !/json/i.test(contentType)) {
      res.body.destroy();
      throw new UpstreamInvalidResponseError(`Torq answered ${contentType}, not JSON`, {
        vendor: TORQ.vendor,
        httpStatus: res.statusCode,
      });
    }
    // The body has one reader, this loop: a failure of the stream surfaces here (mapped below), and
    // leaving the loop early (a bad item, a limit) destroys the body.
    res.body.on('error', () => undefined);
    try {
      const list = await readList(
        res.body as AsyncIterable<Buffer>,
        new ListBuilder(this.#limits, checkItem, makeItem),
      );
      // A small list is also kept by a shared tier, in its plain form (`TorqList.toJSON`); a large
      // one stays in this process, compact: its plain form is what the compact one avoids.
      return list.sentBytes > SHARED_LIST_BYTES
        ? { data: list, headers: res.headers, bytes: list.bytes, local: true }
        : { data: list, headers: res.headers, bytes: list.bytes };
    } catch (err) {
      res.body.destroy();
      if (err instanceof ListProblem) throw listError(err);
      if (err instanceof UpstreamInvalidResponseError) throw err;
      throw this.http.mapStreamError(err, req.signal);
    }
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
