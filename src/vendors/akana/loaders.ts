/**
 * Per-request Akana loader: one export fetch per (app version, options) per request, however many
 * of `fileName`, `entries`, `properties`, `size` are asked; `download` alone needs none. One
 * existence call per app version, and one version list per app, per request.
 */
import { ObservedDataLoader } from '../../observability/loaders.js';
import { type Context, requestCache } from '../../graphql/context.js';
import { safeFileName } from '../../downloads/content-disposition.js';
import { UpstreamInvalidResponseError, VaultUnavailableError } from '../../foundations/errors.js';
import { AKANA } from './ref.js';
import { type ChannelItem, parseExportKey } from './parse.js';
import { AKANA_DEFAULT_FILE_NAME } from './downloads.js';
import { parseProperties } from './properties.js';
import { NotAZipError, SpoolStorageError, summarizeZip, ZipTooLargeError } from './zip.js';

export interface ExportSummary {
  fileName: string;
  /** At most LIMIT_ARCHIVE_ENTRIES entries of the table of contents. */
  entries: { path: string; size: number }[];
  /** Files in the zip: more than `entries.length` when the table of contents was cut. */
  entryCount: number;
  properties: Record<string, string> | null;
  size: number;
}

const PROPERTIES = 'exportproperties.properties';

export const akanaLoaders = requestCache((ctx: Context) => {
  const summaries = new ObservedDataLoader<string, ExportSummary>('akana', 'summaries', async (keys) => {
    const client = ctx.gateway.vendors.client(AKANA);
    return Promise.all(
      keys.map(async (key): Promise<ExportSummary | Error> => {
        try {
          const { appVersionId, options } = parseExportKey(key);
          const file = await client.downloadExport(appVersionId, options, ctx.signal);
          const zip = await summarizeZip(file.body, {
            maxBytes: ctx.gateway.settings.vault.maxBytes,
            maxEntries: ctx.gateway.settings.limits.archiveEntries,
            read: [PROPERTIES],
          }).catch((err: unknown) => {
            if (err instanceof SpoolStorageError) {
              throw new VaultUnavailableError(
                `The gateway's temporary storage failed while reading the Akana export (${err.errno ?? 'storage error'})`,
                'STORAGE_ERROR',
              );
            }
            if (err instanceof ZipTooLargeError || err instanceof NotAZipError) {
              throw new UpstreamInvalidResponseError(`Akana export: ${err.message}`, {
                vendor: AKANA.vendor,
              });
            }
            throw client.http.mapStreamError(err, ctx.signal);
          });
          const text = zip.texts[PROPERTIES];
          return {
            fileName: safeFileName(file.fileName, AKANA_DEFAULT_FILE_NAME),
            entries: zip.entries,
            entryCount: zip.entryCount,
            properties: text === undefined ? null : parseProperties(text),
            size: zip.size,
          };
        } catch (err) {
          return err as Error;
        }
      }),
    );
  });
  /** The app version (`GET /api/apps/versions/{id}`) per distinct id: null = Akana has none. */
  const appVersions = new ObservedDataLoader<string, Record<string, unknown> | null>(
    'akana',
    'appVersions',
    async (ids) => {
      const client = ctx.gateway.vendors.client(AKANA);
      return Promise.all(ids.map((id) => client.getAppVersion(id, ctx.signal).catch((e: Error) => e)));
    },
  );
  /** The versions of each app (`GET /api/apps/{AppID}/versions`): one call per app, a page's apps in one batch. */
  const appVersionLists = new ObservedDataLoader<string, ChannelItem[]>(
    'akana',
    'appVersionLists',
    async (appIds) => {
      const client = ctx.gateway.vendors.client(AKANA);
      return Promise.all(appIds.map((id) => client.listAppVersions(id, ctx.signal).catch((e: Error) => e)));
    },
  );
  return { summaries, appVersions, appVersionLists };
});
