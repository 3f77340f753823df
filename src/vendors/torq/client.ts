/**
 * Torq public API client: `GET /v1alpha/integrations?type_id=`, its one call. Credentials: auth.ts;
 * the item shape: parse.ts; the compact list it is read into: list.ts; error bodies: errors.ts.
 */
import { UpstreamInvalidResponseError } from '../../foundations/errors.js';
import { bearerValue, type TokenCache } from '../../http/auth.js';
import type { JsonRead } from '../../http/cache-store.js';
import { path } from '../../http/url.js';
import { VendorHttp, type VendorRequest } from '../../http/vendor-http.js';
import type { TorqSettings } from './settings.js';
import { type ClientDeps, httpDeps } from '../types.js';
import { torqAuth } from './auth.js';
import { listError, parseTorqError } from './errors.js';
import { ListBuilder, type ListLimits, ListProblem, readList, TorqList } from './list.js';
import { checkItem, fromPlain, makeItem, type TorqIntegrations } from './parse.js';
import { TORQ } from './ref.js';

/** Lists whose body is larger than this are never written to a shared cache tier (REDIS_URL). */
const SHARED_LIST_BYTES = 4 * 1024 ** 2;

export class TorqClient {
  readonly http: VendorHttp;
  readonly tokenCache: TokenCache | undefined;
  readonly #limits: ListLimits;

  constructor(settings: TorqSettings, baseUrl: string, deps: ClientDeps) {
    this.#limits = { maxItems: settings.maxListItems, maxBytes: settings.maxListBytes };
    const { auth, tokenCache } = torqAuth(settings, () => this.http, deps);
    this.tokenCache = tokenCache;
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
