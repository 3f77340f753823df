/** Akana: `AppVersionExport` (a zip export of one app version) and `appVersionExport(...)`. */
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { maskJson } from '../masking.js';
import { Downloadable, SignedUrl, signedDownload } from '../../schema/downloads.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import {
  checkAppVersionId,
  encodeOptions,
  type ExportOptions,
  exportKey,
  NO_OPTIONS,
  parseExportKey,
} from './parse.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { AKANA_EXPORT_KIND, checkPkiAllowed } from './downloads.js';
import { akanaLoaders } from './loaders.js';

interface ExportRef {
  appVersionId: string;
  options: ExportOptions;
  /** `{appVersionId}|{flags}`: the native key inside the global id. */
  key: string;
}

export function exportRef(appVersionId: string, options: ExportOptions): ExportRef {
  return { appVersionId, options, key: exportKey(appVersionId, options) };
}

/** The export when Akana has the app version (one `GET /api/apps/versions/{id}` per id per request). */
async function existing(
  ctx: Context,
  appVersionId: string,
  options: ExportOptions,
): Promise<ExportRef | null> {
  return (await akanaLoaders(ctx).appVersions.load(appVersionId)) ? exportRef(appVersionId, options) : null;
}

const ArchiveEntry = builder.objectRef<{ path: string; size: number }>('ArchiveEntry').implement({
  description: 'One file inside an archive (from the zip’s central directory).',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Path of the file inside the archive.' }),
    size: t.field({
      type: 'NonNegativeInt',
      description: 'Uncompressed size in bytes.',
      resolve: (e) => e.size,
    }),
  }),
});

const AppVersionExportOptions = builder.inputType('AppVersionExportOptions', {
  description:
    'What the Akana export includes. All default to false. The PKI options export private keys and need a privileged gateway (AKANA_ALLOW_PKI_EXPORT=true).',
  fields: (t) => ({
    includeAppPki: t.boolean({
      description: '`migration.app.pki.export`: the app’s private key and certificate.',
    }),
    includeApiPki: t.boolean({
      description:
        '`migration.pki.export`: API private keys and certificates (if imported via Policy Manager).',
    }),
    includeApiConnections: t.boolean({
      description: '`migration.export.include.api.connections`: contracts.',
    }),
    includeAppTeam: t.boolean({
      description: '`migration.export.include.app.team`: the app team members (relationships, not users).',
    }),
  }),
});

const ExportOptionsSet = builder.objectRef<ExportOptions>('AppVersionExportOptionsSet').implement({
  description: 'The options an export was made with.',
  // Part of the AppVersionExport key: a value type that a referencing subgraph declares too.
  shareable: true,
  fields: (t) => ({
    includeAppPki: t.exposeBoolean('includeAppPki', { description: '`migration.app.pki.export`.' }),
    includeApiPki: t.exposeBoolean('includeApiPki', { description: '`migration.pki.export`.' }),
    includeApiConnections: t.exposeBoolean('includeApiConnections', {
      description: '`migration.export.include.api.connections`.',
    }),
    includeAppTeam: t.exposeBoolean('includeAppTeam', {
      description: '`migration.export.include.app.team`.',
    }),
  }),
});

const hasPki = (o: ExportOptions) => o.includeAppPki || o.includeApiPki;

export const AppVersionExport = builder.node(builder.objectRef<ExportRef>('AppVersionExport'), {
  // Checked on every object, whichever path made it (root field, node, nodes, nested field): an
  // export with private keys also needs akana:pki. Only such a caller can mint its download link.
  authScopes: (e) =>
    hasPki(e.options) ? { $all: { 'akana:export': true, 'akana:pki': true } } : { 'akana:export': true },
  description:
    'An Akana app-version export (`GET /api/apps/versions/{AppVersionID}/package`): a zip to import into another Akana tenant. Resolving it checks that the app version exists (`GET /api/apps/versions/{AppVersionID}`, one small call per app version per request); `fileName`, `entries`, `entryCount`, `entriesTruncated`, `properties` and `size` share one export fetch per request; `download` makes none.',
  interfaces: [Downloadable],
  id: { resolve: (e) => e.key },
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'appVersionId' in v && 'options' in v,
  loadOne: (key, ctx) => {
    // The door (registerNodeDoor below) has checked scope, key and PKI before this runs.
    const { appVersionId, options } = parseExportKey(key);
    return existing(ctx, appVersionId, options);
  },
  fields: (t) => ({
    appVersionId: t.exposeID('appVersionId', { description: 'Akana `AppVersionID` (`{id}.{fedmemberid}`).' }),
    options: t.field({
      type: ExportOptionsSet,
      description: 'The export options.',
      resolve: (e) => e.options,
    }),
    fileName: t.field({
      type: 'String',
      description:
        'The file name from Akana’s Content-Disposition (sanitized), usually `appversion-export.zip`.',
      resolve: async (e, _a, ctx) => (await akanaLoaders(ctx).summaries.load(e.key)).fileName,
    }),
    size: t.field({
      type: 'NonNegativeInt',
      description: 'Size of the zip in bytes.',
      resolve: async (e, _a, ctx) => (await akanaLoaders(ctx).summaries.load(e.key)).size,
    }),
    entries: t.field({
      type: [ArchiveEntry],
      description:
        'The zip’s table of contents (`exportproperties.properties`, `objectdata.xml`, `objectgraph.xml`…), in the zip’s order: at most LIMIT_ARCHIVE_ENTRIES entries (default 1000). `entryCount` says how many the zip holds and `entriesTruncated` whether this list was cut.',
      resolve: async (e, _a, ctx) => (await akanaLoaders(ctx).summaries.load(e.key)).entries,
    }),
    entryCount: t.field({
      type: 'NonNegativeInt',
      description: 'How many files the zip holds, whether or not `entries` lists them all.',
      resolve: async (e, _a, ctx) => (await akanaLoaders(ctx).summaries.load(e.key)).entryCount,
    }),
    entriesTruncated: t.field({
      type: 'Boolean',
      description:
        'True when `entries` lists only the first LIMIT_ARCHIVE_ENTRIES files of the zip (see `entryCount`).',
      resolve: async (e, _a, ctx) => {
        const s = await akanaLoaders(ctx).summaries.load(e.key);
        return s.entries.length < s.entryCount;
      },
    }),
    properties: t.field({
      type: 'JSONObject',
      nullable: true,
      description: '`exportproperties.properties`, parsed into an object; null when the zip has none.',
      resolve: async (e, _a, ctx) => (await akanaLoaders(ctx).summaries.load(e.key)).properties,
    }),
    raw: t.field({
      type: 'JSONObject',
      description:
        'The app version as Akana describes it (`GET /api/apps/versions/{AppVersionID}`), values of secret-named keys masked.',
      resolve: async (e, _a, ctx) =>
        maskJson((await akanaLoaders(ctx).appVersions.load(e.appVersionId)) ?? {}) as Record<string, unknown>,
    }),
    download: t.field({
      type: SignedUrl,
      description:
        'A signed URL that streams the zip from Akana, byte for byte. Makes no vendor call itself.',
      args: {
        expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }),
      },
      resolve: (e, args, ctx) => {
        if (hasPki(e.options)) {
          ctx.gateway.logger.info('audit: Akana PKI export link', {
            audit: 'akana.pki_export_link',
            caller: ctx.principal.id,
            appVersionId: e.appVersionId,
          });
        }
        return signedDownload(
          ctx,
          AKANA_EXPORT_KIND,
          { appVersionId: e.appVersionId, options: encodeOptions(e.options) },
          args.expiresIn,
        );
      },
    }),
  }),
});

/** A representation's options as the flag string of the native key; a non-boolean flag makes it malformed. */
function representedFlags(rep: Record<string, unknown>): string {
  const o = (typeof rep.options === 'object' && rep.options !== null ? rep.options : {}) as Record<
    string,
    unknown
  >;
  const options: ExportOptions = { ...NO_OPTIONS };
  for (const k of Object.keys(NO_OPTIONS) as (keyof ExportOptions)[]) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'boolean') return 'malformed';
    options[k] = o[k] === true;
  }
  return encodeOptions(options);
}

// The one door of node(id), nodes(ids) and _entities: the key carries the options; PKI is refused
// (or audited) before any loader, exactly as on `appVersionExport`.
registerNodeDoor('AppVersionExport', {
  scope: 'akana:export',
  check: (key, ctx) => {
    const { appVersionId, options } = parseExportKey(key);
    checkPkiAllowed(options, ctx, appVersionId);
    return exportKey(appVersionId, options);
  },
});

// Federation: other subgraphs reference an export by app version id + its options.
federateEntity(AppVersionExport, {
  key: builder.selection<{ appVersionId: string; options: ExportOptions }>(
    'appVersionId options { includeAppPki includeApiPki includeApiConnections includeAppTeam }',
  ),
  nativeKey: (rep) => `${keyField(rep, 'appVersionId')}|${representedFlags(rep)}`,
  load: (key, ctx) => {
    const { appVersionId, options } = parseExportKey(key);
    return existing(ctx, appVersionId, options);
  },
});

builder.queryField('appVersionExport', (t) =>
  t.field({
    authScopes: { 'akana:export': true },
    complexity: 50,
    type: AppVersionExport,
    nullable: true,
    description:
      'An Akana app-version export with the given options; null when Akana has no such app version. Exports with PKI options are FORBIDDEN unless the gateway allows them (checked before any vendor call).',
    args: {
      appVersionId: t.arg.id({
        required: true,
        description: 'Akana `AppVersionID`, e.g. `6CYql2jSyfK9vaGZrvNkb7Am.acmepaymentscorp`.',
      }),
      options: t.arg({
        type: AppVersionExportOptions,
        description: 'What to include (all false by default).',
      }),
    },
    resolve: (_root, args, ctx) => {
      const options: ExportOptions = { ...NO_OPTIONS };
      for (const k of Object.keys(NO_OPTIONS) as (keyof ExportOptions)[])
        options[k] = args.options?.[k] === true;
      const appVersionId = checkAppVersionId(String(args.appVersionId));
      checkPkiAllowed(options, ctx, appVersionId);
      return existing(ctx, appVersionId, options);
    },
  }),
);
