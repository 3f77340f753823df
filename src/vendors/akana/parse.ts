/**
 * What names Akana's things and what Akana sends, read at the edge: the id checks (app version,
 * app and user ids, checked before any URL is built), the export options and their key (a loader
 * key, part of node ids and signed download parameters), and the parsers of the app version and
 * the RSS-style JSON channel of the list calls.
 */
import * as z from 'zod';
import { BadUserInputError } from '../../foundations/errors.js';
import { bodyParser, invalid, type Json, parseWith, toDate } from '../parse.js';
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

export const OPTION_ORDER = Object.keys(OPTION_PARAMS) as (keyof ExportOptions)[];

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

/** Akana's ids (app versions, apps, users) all look like `{id}.{fedmemberid}`. */
const AKANA_ID = /^[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,64}$/;

/** An app version id; its message names the characters allowed, as the export arguments document. */
export function checkAppVersionId(id: string): string {
  if (!AKANA_ID.test(id)) {
    throw new BadUserInputError(
      'appVersionId must look like {id}.{fedmemberid} (letters, digits, "_" or "-")',
    );
  }
  return id;
}

/** A user or app id. */
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
export const parseAppVersion = bodyParser(z.record(z.string(), z.unknown()), {
  ...AKANA,
  what: 'an app version',
});

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
export const parseChannel = bodyParser(
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
