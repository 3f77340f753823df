// Longer than 300 lines: IntegrationVersion and the types of its documented parts (files, triggers, tasks, parameters), each next to its fields.
/** Google Application Integration: `IntegrationVersion` and `integrationVersion(name:)`. */
import { builder } from '../../graphql/builder.js';
import { REFRESH_ARG_DESCRIPTION } from '../../graphql/cache-plugin.js';
import type { Context } from '../../graphql/context.js';
import { Downloadable, SignedUrl, signedDownload } from '../../schema/downloads.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import { vendorEnum } from '../../schema/conventions.js';
import { CatalogItem } from '../../schema/catalog-items.js';
import {
  FILE_TYPES,
  type FileType,
  type GoogleParameter,
  type GoogleTask,
  type GoogleTrigger,
  type GoogleVersion,
  type PackageFile,
  parseVersionName,
  type VersionName,
} from './parse.js';
import { GOOGLE_INTEGRATION_FILE_KIND, GOOGLE_PACKAGE_KIND } from './downloads.js';
import { googleLoaders } from './loaders.js';

type FileTypeValue = FileType | 'UNSPECIFIED';

const IntegrationFileType = builder.enumType('IntegrationFileType', {
  description:
    'A file of an integration version package (`File.type` of `downloadJsonPackage`; docs.cloud.google.com/application-integration/docs/reference/rest/v1/File).',
  values: {
    INTEGRATION: { description: 'The integration version itself (`integrationVersion`).' },
    INTEGRATION_CONFIG_VARIABLES: {
      description: 'The config variables of the version (`integrationConfig`).',
    },
    UNSPECIFIED: {
      description:
        '`INTEGRATION_FILE_UNSPECIFIED`, or a file type Google added after this gateway was built: see `IntegrationFile.typeName` for the string Google sent.',
    },
  } satisfies Record<FileTypeValue, { description: string }>,
});

const fileType = (type: string): FileTypeValue =>
  (FILE_TYPES as readonly string[]).includes(type) ? (type as FileType) : 'UNSPECIFIED';

const IntegrationFile = builder.objectRef<PackageFile>('IntegrationFile').implement({
  description: 'One file of the JSON package (`files[]` of `downloadJsonPackage`).',
  fields: (t) => ({
    type: t.field({
      type: IntegrationFileType,
      description: '`type`: which file this is (UNSPECIFIED for a type this gateway does not know).',
      resolve: (f) => fileType(f.type),
    }),
    typeName: t.string({
      description:
        '`type` exactly as Google sent it (e.g. `INTEGRATION_FILE_UNSPECIFIED`, or a newer value).',
      resolve: (f) => f.type,
    }),
    content: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The file content (`integrationVersion` or `integrationConfig`).',
      resolve: (f) => f.content,
    }),
    raw: t.field({
      type: 'JSON',
      description: 'The file object exactly as Google sent it.',
      resolve: (f) => f.raw,
    }),
  }),
});

const IntegrationTrigger = builder.objectRef<GoogleTrigger>('IntegrationTrigger').implement({
  description: 'A trigger of an integration version (`triggerConfigs[]`).',
  fields: (t) => ({
    label: t.exposeString('label', { nullable: true, description: '`label`.' }),
    triggerType: t.exposeString('triggerType', {
      nullable: true,
      description: '`triggerType` (API, CRON, CLOUD_PUBSUB_EXTERNAL…).',
    }),
    triggerId: t.exposeString('triggerId', { nullable: true, description: '`triggerId`.' }),
    triggerNumber: t.exposeString('triggerNumber', { nullable: true, description: '`triggerNumber`.' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    startTaskIds: t.exposeStringList('startTasks', {
      description: '`startTasks[].taskId`: the tasks it starts.',
    }),
  }),
});

const IntegrationTask = builder.objectRef<GoogleTask>('IntegrationTask').implement({
  description: 'A task of an integration version (`taskConfigs[]`).',
  fields: (t) => ({
    taskId: t.exposeString('taskId', { nullable: true, description: '`taskId`.' }),
    task: t.exposeString('task', {
      nullable: true,
      description: '`task`: the task kind (e.g. FieldMappingTask).',
    }),
    displayName: t.exposeString('displayName', { nullable: true, description: '`displayName`.' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    nextTaskIds: t.exposeStringList('nextTasks', { description: '`nextTasks[].taskId`.' }),
    parameterKeys: t.exposeStringList('parameters', { description: 'Keys of `parameters`.' }),
  }),
});

const IntegrationParameter = builder.objectRef<GoogleParameter>('IntegrationParameter').implement({
  description: 'A variable of an integration version (`integrationParameters[]`).',
  fields: (t) => ({
    key: t.exposeString('key', { nullable: true, description: '`key`.' }),
    dataType: t.exposeString('dataType', { nullable: true, description: '`dataType`.' }),
    displayName: t.exposeString('displayName', { nullable: true, description: '`displayName`.' }),
    inputOutputType: t.exposeString('inputOutputType', {
      nullable: true,
      description: '`inputOutputType` (IN, OUT, IN_OUT).',
    }),
  }),
});

/** Loads the package files a field needs; every field of the request shares one call per version. */
async function files(
  ctx: Context,
  v: VersionName,
  want: readonly FileType[] | 'ALL',
): Promise<PackageFile[]> {
  const all = await googleLoaders(ctx).files(v.name, want);
  return want === 'ALL' ? all : all.filter((f) => (want as readonly string[]).includes(f.type));
}

/** The version when Google has it (versions.get, batched and deduplicated per request), else null. */
async function existing(ctx: Context, name: string): Promise<VersionName | null> {
  const v = parseVersionName(name);
  return (await googleLoaders(ctx).version(v.name)) ? v : null;
}
const content = async (ctx: Context, v: VersionName, type: FileType) =>
  (await files(ctx, v, [type]))[0]?.content ?? null;
/**
 * The IntegrationVersion behind the typed fields: `versions.get`, the call that already proved the
 * version exists, so typed fields cost no package download.
 */
const version = async (ctx: Context, v: VersionName) => (await googleLoaders(ctx).version(v.name)) ?? null;
/** A field of the IntegrationVersion `versions.get` answered (typed by the client). */
const fromVersion =
  <K extends keyof GoogleVersion>(key: K) =>
  async (v: VersionName, _args: unknown, ctx: Context): Promise<GoogleVersion[K] | null> =>
    (await version(ctx, v))?.[key] ?? null;

/** Google's `IntegrationVersion.state` (the reference's `IntegrationState`). */
const VersionState = vendorEnum('IntegrationVersionState', {
  description: 'Where an integration version stands (`integrationVersion.state`).',
  values: {
    INTEGRATION_STATE_UNSPECIFIED: 'Google did not say.',
    DRAFT: 'Being edited.',
    ACTIVE: 'Published: the version that runs.',
    ARCHIVED: 'Unpublished and kept.',
    SNAPSHOT: 'A snapshot of a published version.',
  },
  other: 'UNKNOWN',
});

export const IntegrationVersion = builder.node(builder.objectRef<VersionName>('IntegrationVersion'), {
  authScopes: { 'google:read': true },
  description:
    'A Google Application Integration version (`projects/*/locations/*/integrations/*/versions/*`) and its JSON package (`downloadJsonPackage`). Resolving it checks that it exists (`versions.get`, one call per distinct version per request), and the typed fields (`state`, `tasks`…) come from that same answer; the package fields (`files`, `integrationVersion`, `integrationConfig`) share one `downloadJsonPackage` call per request.',
  interfaces: [Downloadable, CatalogItem],
  id: { resolve: (v) => v.name },
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'integration' in v && 'projectId' in v,
  loadOne: (name, ctx) => existing(ctx, name),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The full resource name.' }),
    projectId: t.exposeString('projectId', { description: 'The `{project}` segment of the name.' }),
    location: t.exposeString('location', { description: 'The `{location}` segment (region).' }),
    integration: t.exposeString('integration', { description: 'The `{integration}` segment.' }),
    version: t.exposeString('version', { description: 'The `{version}` segment.' }),
    files: t.field({
      type: [IntegrationFile],
      description: 'The package files, all or only the given types (`files=` parameters).',
      args: {
        types: t.arg({ type: [IntegrationFileType], description: 'Only these file types (default: all).' }),
      },
      resolve: async (v, args, ctx) => {
        if (args.types && args.types.length === 0) return [];
        const types = args.types ? [...new Set(args.types)] : undefined;
        if (!types || types.includes('UNSPECIFIED')) {
          const all = await files(ctx, v, 'ALL');
          return types ? all.filter((f) => types.includes(fileType(f.type))) : all;
        }
        return files(ctx, v, types as FileType[]);
      },
    }),
    integrationVersion: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'Content of the INTEGRATION file (`integrationVersion`), as Google sent it.',
      resolve: (v, _a, ctx) => content(ctx, v, 'INTEGRATION'),
    }),
    integrationConfig: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'Content of the INTEGRATION_CONFIG_VARIABLES file (`integrationConfig`).',
      resolve: (v, _a, ctx) => content(ctx, v, 'INTEGRATION_CONFIG_VARIABLES'),
    }),
    description: t.string({
      nullable: true,
      description: '`integrationVersion.description`.',
      resolve: fromVersion('description'),
    }),
    state: t.field({
      type: VersionState.ref,
      nullable: true,
      description: '`integrationVersion.state` as an enum (UNKNOWN for a value this gateway does not know).',
      resolve: async (v, _a, ctx) => VersionState.of((await version(ctx, v))?.state),
    }),
    vendorState: t.string({
      nullable: true,
      description: '`integrationVersion.state` exactly as Google sent it.',
      resolve: fromVersion('state'),
    }),
    status: t.string({
      nullable: true,
      description: '`integrationVersion.status` (deprecated by Google in favour of `state`).',
      deprecationReason: 'Google deprecated `status`; use `state`.',
      resolve: fromVersion('status'),
    }),
    snapshotNumber: t.string({
      nullable: true,
      description: '`integrationVersion.snapshotNumber` (an int64, as a string).',
      resolve: fromVersion('snapshotNumber'),
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`integrationVersion.createTime`.',
      resolve: fromVersion('createTime'),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`integrationVersion.updateTime`.',
      resolve: fromVersion('updateTime'),
    }),
    createTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`integrationVersion.createTime`.',
      deprecationReason: 'use createdAt',
      resolve: fromVersion('createTime'),
    }),
    updateTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`integrationVersion.updateTime`.',
      deprecationReason: 'use updatedAt',
      resolve: fromVersion('updateTime'),
    }),
    lastModifierEmail: t.string({
      nullable: true,
      description: '`integrationVersion.lastModifierEmail`.',
      resolve: fromVersion('lastModifierEmail'),
    }),
    userLabel: t.string({
      nullable: true,
      description: '`integrationVersion.userLabel`.',
      resolve: fromVersion('userLabel'),
    }),
    triggers: t.field({
      type: [IntegrationTrigger],
      description: '`integrationVersion.triggerConfigs`, summarized.',
      resolve: async (v, _a, ctx) => (await version(ctx, v))?.triggers ?? [],
    }),
    tasks: t.field({
      type: [IntegrationTask],
      description: '`integrationVersion.taskConfigs`, summarized.',
      resolve: async (v, _a, ctx) => (await version(ctx, v))?.tasks ?? [],
    }),
    parameters: t.field({
      type: [IntegrationParameter],
      description: '`integrationVersion.integrationParameters`.',
      resolve: async (v, _a, ctx) => (await version(ctx, v))?.parameters ?? [],
    }),
    raw: t.field({
      type: 'JSONObject',
      description: 'The IntegrationVersion exactly as `versions.get` returned it.',
      resolve: async (v, _a, ctx) => (await version(ctx, v))?.raw ?? {},
    }),
    download: t.field({
      type: SignedUrl,
      description:
        'A signed URL for the whole JSON package as `{integration}-{version}.json`. Makes no vendor call itself.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }) },
      resolve: (v, args, ctx) => signedDownload(ctx, GOOGLE_PACKAGE_KIND, { name: v.name }, args.expiresIn),
    }),
    integrationFileDownload: t.field({
      type: SignedUrl,
      description:
        'A signed URL for the integration file the Console’s Download produces: the `IntegrationVersion` JSON alone (the package’s INTEGRATION file), named `{integration}.json`, ready to upload into another project as is. Makes no vendor call itself.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }) },
      resolve: (v, args, ctx) =>
        signedDownload(ctx, GOOGLE_INTEGRATION_FILE_KIND, { name: v.name }, args.expiresIn),
    }),
  }),
});

// The one door of node(id), nodes(ids) and _entities: scope, then the resource name's syntax.
registerNodeDoor('IntegrationVersion', { scope: 'google:read', check: (key) => parseVersionName(key).name });

// Federation: other subgraphs reference a version by its full resource name; like every lookup it
// resolves to null when Google says the version does not exist (versions.get, batched per request).
federateEntity(IntegrationVersion, {
  key: builder.selection<{ name: string }>('name'),
  nativeKey: (rep) => keyField(rep, 'name'),
  load: (key, ctx) => existing(ctx, key),
});

builder.queryField('integrationVersion', (t) =>
  t.field({
    authScopes: { 'google:read': true },
    complexity: 50,
    type: IntegrationVersion,
    nullable: true,
    description:
      'A Google Application Integration version by resource name `projects/{p}/locations/{l}/integrations/{i}/versions/{v}`. A malformed name is BAD_USER_INPUT (no vendor call); null when Google has no such version (`versions.get` answers 404).',
    args: {
      name: t.arg.string({ required: true, description: 'The full resource name of the version.' }),
      refresh: t.arg.boolean({ description: REFRESH_ARG_DESCRIPTION }),
    },
    resolve: (_root, args, ctx) => existing(ctx, args.name),
  }),
);
