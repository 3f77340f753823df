/**
 * Akana API Platform client: `GET /api/apps/versions/{AppVersionID}/package` (a zip), with the
 * `AtmoAuthToken_{fedmemberid}` session cookie from settings or from `POST /api/login`, renewed
 * through `POST /api/login/renewToken` before its 30-minute expiry, and the CSRF header when set.
 */
import type { Readable } from 'node:stream';
import { fileNameFromDisposition } from '../../downloads/content-disposition.js';
import * as z from 'zod';
import { BadUserInputError, UpstreamInvalidResponseError } from '../../foundations/errors.js';
import { TokenCache } from '../../http/auth.js';
import { decodedBody } from '../../http/decode.js';
import { path } from '../../http/url.js';
import { type VendorAuth, type VendorErrorInfo, VendorHttp } from '../../http/vendor-http.js';
import type { AkanaSettings } from './settings.js';
import { bodyParser, invalid, type Json, parseWith, toDate } from '../parse.js';
import { type ClientDeps, httpDeps } from '../types.js';
import { AKANA as AKANA_REF } from './ref.js';

export interface ExportOptions {
  includeAppPki: boolean;
  includeApiPki: boolean;
  includeApiConnections: boolean;
  includeAppTeam: boolean;
}

export const NO_OPTIONS: ExportOptions = {
  includeAppPki: false,
  includeApiPki: false,
  includeApiConnections: false,
  includeAppTeam: false,
};

/** Options ↔ the documented query parameters (always with exportVersion=current). */
export const OPTION_PARAMS: Record<keyof ExportOptions, string> = {
  includeAppPki: 'migration.app.pki.export',
  includeApiPki: 'migration.pki.export',
  includeApiConnections: 'migration.export.include.api.connections',
  includeAppTeam: 'migration.export.include.app.team',
};

const OPTION_ORDER = Object.keys(OPTION_PARAMS) as (keyof ExportOptions)[];

/** Options as a 4-character flag string ("0110"): part of node ids and signed download parameters. */
export function encodeOptions(o: ExportOptions): string {
  return OPTION_ORDER.map((k) => (o[k] ? '1' : '0')).join('');
}
export function decodeOptions(flags: string): ExportOptions {
  if (!/^[01]{4}$/.test(flags)) throw new BadUserInputError('malformed export options');
  return Object.fromEntries(OPTION_ORDER.map((k, i) => [k, flags[i] === '1'])) as unknown as ExportOptions;
}

/** `{appVersionId}|{flags}`: one export, as a loader key and inside its global id. */
export function exportKey(appVersionId: string, options: ExportOptions): string {
  return `${appVersionId}|${encodeOptions(options)}`;
}

/** The inverse of `exportKey`, validating both parts. */
export function parseExportKey(key: string): { appVersionId: string; options: ExportOptions } {
  const [appVersionId = '', flags = '', extra] = key.split('|');
  if (extra !== undefined) throw new BadUserInputError('malformed AppVersionExport id');
  return { appVersionId: checkAppVersionId(appVersionId), options: decodeOptions(flags) };
}

const APP_VERSION_ID = /^[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,64}$/;

/** App version ids look like `{id}.{fedmemberid}`. */
export function checkAppVersionId(id: string): string {
  if (!APP_VERSION_ID.test(id)) {
    throw new BadUserInputError(
      'appVersionId must look like {id}.{fedmemberid} (letters, digits, "_" or "-")',
    );
  }
  return id;
}

export function parseAkanaError(body: unknown): VendorErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const msg = b.message ?? b.error ?? b.faultstring;
  return {
    message: typeof msg === 'string' ? msg : undefined,
    vendorCode: typeof b.code === 'string' || typeof b.code === 'number' ? String(b.code) : undefined,
  };
}

export interface ExportStream {
  body: Readable;
  contentType: string;
  contentLength: number | undefined;
  fileName: string | undefined;
}

const SESSION_MS = 30 * 60_000;

export class AkanaClient {
  readonly http: VendorHttp;
  readonly fedMemberId: string;
  /** Whose apps the list field shows when the caller names no user (AKANA_USER_ID). */
  readonly userId: string | undefined;
  readonly session: TokenCache | undefined;
  #csrf: string | undefined;
  /** For audit lines of PKI exports served by the download route. */
  readonly logger: ClientDeps['logger'];

  constructor(settings: AkanaSettings, baseUrl: string, deps: ClientDeps) {
    this.logger = deps.logger;
    const fed = settings.fedMemberId ?? '';
    this.fedMemberId = fed;
    this.userId = settings.userId;
    this.#csrf = settings.csrfToken?.reveal();
    const authCookie = `AtmoAuthToken_${fed}`;
    const csrfHeader = `X-Csrf-Token_${fed}`;
    const headersFor = (session: string): Record<string, string> => {
      const cookies = [`${authCookie}=${session}`];
      const h: Record<string, string> = {};
      if (this.#csrf) {
        cookies.push(`Csrf-Token_${fed}=${this.#csrf}`);
        h[csrfHeader] = this.#csrf;
      }
      h.cookie = cookies.join('; ');
      return h;
    };

    let auth: VendorAuth | undefined;
    const { authToken, email, password } = settings;
    if (authToken) {
      auth = { headers: async () => headersFor(authToken.reveal()) };
    } else if (email && password) {
      let last: string | undefined;
      this.session = new TokenCache(
        async (signal) => {
          // Renew the live session when there is one; log in again when renewal is refused.
          if (last) {
            try {
              // help.akana.com/content/current/cm/api/login/m_login_renewToken.htm: a POST with
              // `Content-Type: application/x-www-form-urlencoded` and no body, the cookie to renew.
              return await this.#sessionCall(
                '/api/login/renewToken',
                { ...headersFor(last), 'content-type': 'application/x-www-form-urlencoded' },
                '',
                signal,
              );
            } catch {
              last = undefined;
            }
          }
          const issued = await this.#sessionCall(
            '/api/login',
            { 'content-type': 'application/json' },
            JSON.stringify({ email, password: password.reveal() }),
            signal,
          );
          last = issued.value;
          return issued;
        },
        5 * 60_000,
        deps.sharedCredential?.(['login', baseUrl, email, password.reveal()]),
      );
      const session = this.session;
      auth = {
        headers: async (signal) => headersFor(await session.get(signal)),
        renew: (refused) => {
          const current = session.peek();
          if (current !== undefined && refused.cookie === headersFor(current).cookie)
            session.invalidate(current);
          last = undefined;
          return true;
        },
      };
    }
    this.http = new VendorHttp({
      ...httpDeps(deps),
      baseUrl,
      auth,
      parseError: parseAkanaError,
      forwardedHeaders: (session) => ({ cookie: `${authCookie}=${session}` }),
    });
  }

  async #sessionCall(
    p: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal?: AbortSignal,
  ) {
    const res = await this.http.request({
      method: 'POST',
      path: p,
      headers,
      body,
      authenticate: false,
      idempotent: true,
      signal,
    });
    await res.body.dump();
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const value = cookieValue(cookies, `AtmoAuthToken_${this.fedMemberId}`);
    if (!value) {
      throw new UpstreamInvalidResponseError('Akana login set no session cookie', {
        vendor: AKANA_REF.vendor,
      });
    }
    const csrf = cookieValue(cookies, `Csrf-Token_${this.fedMemberId}`);
    if (csrf) this.#csrf = csrf;
    return { value, expiresInMs: SESSION_MS };
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
  async openExport(
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

function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const c of setCookies) {
    const first = c.split(';')[0] ?? '';
    const i = first.indexOf('=');
    if (i > 0 && first.slice(0, i).trim() === name) return first.slice(i + 1).trim();
  }
  return undefined;
}

const AKANA_ID = /^[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,64}$/;

/** User and app ids look like `{id}.{fedmemberid}`, as app version ids do. */
export function checkAkanaId(name: string, id: string): string {
  if (!AKANA_ID.test(id)) throw new BadUserInputError(`${name} must look like {id}.{fedmemberid}`);
  return id;
}

/** One channel item, the fields the gateway reads (RSS names; `guid` may be a string or `{value}`). */
export interface ChannelItem {
  guid: string;
  title: string | null;
  description: string | null;
  pubDate: Date | null;
  raw: Json;
}

/** Who sent a body, as the parsers name it: the vendor's ref. */
const AKANA = { vendor: AKANA_REF.vendor, label: AKANA_REF.name };

/** The app version is only shown as sent (`raw`, masked): any JSON object. */
const parseAppVersion = bodyParser(z.record(z.string(), z.unknown()), { ...AKANA, what: 'an app version' });

/** An RSS text: a string, or `{value}` (how the JSON channel renders attributes); '' → none. */
const rss = z
  .union([z.string(), z.object({ value: z.string() })])
  .nullish()
  .transform((v) => (typeof v === 'string' ? v || null : (v?.value ?? null)));

const Item = z
  .object({
    guid: rss,
    Guid: rss,
    title: rss,
    Title: rss,
    description: rss,
    Description: rss,
    pubDate: rss,
  })
  .nullable();

/**
 * `{channel: {item: [...]}}` (a single item may come as an object, none as no `item`); a bare list
 * of items is read too. A body of neither form (an object without `channel`, text), an item that
 * is not an object, or one without a `guid` (it cannot be followed) is UPSTREAM_INVALID_RESPONSE:
 * never an empty or shortened list. `GET /api/apps/{AppID}/versions` is documented only as "the
 * app versions in JSON or XML" (m_apps_getVersions.htm): the channel form is inferred from the
 * other Apps list calls, so another form fails loudly here rather than reading as no versions.
 */
const parseChannel = bodyParser(
  z.unknown(),
  { ...AKANA, what: 'a channel' },
  (_typed, raw): ChannelItem[] => {
    let at: string;
    let items: unknown;
    if (Array.isArray(raw)) {
      at = '';
      items = raw;
    } else {
      const key = 'channel' in raw ? 'channel' : 'Channel';
      if (!(key in raw)) {
        invalid(AKANA, 'Akana sent a channel with channel: expected object', {
          field: 'channel',
          problem: 'expected object',
        });
      }
      const channel = raw[key] ?? {};
      if (typeof channel !== 'object' || channel === null || Array.isArray(channel)) {
        invalid(AKANA, `Akana sent a channel with ${key}: expected object`, {
          field: key,
          problem: 'expected object',
        });
      }
      const c = channel as Json;
      at = `${key}.${'item' in c ? 'item' : 'Item'}`;
      items = c.item ?? c.Item ?? [];
    }
    const list = (Array.isArray(items) ? items : [items]).map((x) =>
      typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : null,
    );
    const typed = parseWith(z.array(Item), list, { ...AKANA, what: 'a channel', at });
    const out: ChannelItem[] = [];
    typed.forEach((o, i) => {
      const guid = o?.guid ?? o?.Guid;
      if (!o || !guid) {
        const field = `${at}[${i}]${o ? '.guid' : ''}`;
        const problem = o ? 'expected string' : 'expected object';
        return invalid(AKANA, `Akana sent a channel with ${field}: ${problem}`, { field, problem });
      }
      out.push({
        guid,
        title: o.title ?? o.Title,
        description: o.description ?? o.Description,
        pubDate: toDate(o.pubDate),
        raw: list[i] as Json,
      });
    });
    return out;
  },
);
