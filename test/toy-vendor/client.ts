/** The toy vendor's client: one JSON call (cached) and one file, through the gateway's one HTTP layer. */
import { Readable } from 'node:stream';
import { UpstreamInvalidResponseError } from '../../src/foundations/errors.js';
import { bearerValue, staticAuth } from '../../src/http/auth.js';
import { path } from '../../src/http/url.js';
import { VendorHttp } from '../../src/http/vendor-http.js';
import { type ClientDeps, httpDeps } from '../../src/vendors/types.js';
import type { ToySettings } from './settings.js';

export interface ToyWidget {
  id: string;
  name: string;
}

export class ToyClient {
  readonly http: VendorHttp;

  constructor(settings: ToySettings, baseUrl: string, deps: ClientDeps) {
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      // The gateway's vendor-response cache, for the calls that ask for it (TOY_CACHE_TTL_MS).
      cache: deps.cache,
      auth: settings.token && staticAuth('authorization', bearerValue, settings.token),
    });
  }

  /** A widget by id; null when the toy vendor has none. Kept in the vendor-response cache. */
  async widget(id: string, signal?: AbortSignal): Promise<ToyWidget | null> {
    try {
      const { data } = await this.http.json({ path: path`/widgets/${id}`, signal, cache: true });
      const w = data as Partial<ToyWidget> | null;
      if (typeof w?.id !== 'string' || typeof w.name !== 'string')
        throw new UpstreamInvalidResponseError('Toy sent a widget without id or name', {
          vendor: this.http.vendor,
        });
      return { id: w.id, name: w.name };
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  async file(id: string, signal: AbortSignal): Promise<{ body: Readable; size: number | undefined }> {
    const res = await this.http.request({ path: path`/widgets/${id}/file`, signal });
    const length = Number(res.headers['content-length']);
    return { body: res.body as Readable, size: Number.isFinite(length) ? length : undefined };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
