/** Google Application Integration: `IntegrationVersion` and `integrationVersion(name:)`. */
import { builder } from '../../builder.js';
import { REFRESH_ARG_DESCRIPTION } from '../../http/cache-plugin.js';
import type { Context } from '../../context.js';
import { Downloadable, SignedUrl, signedDownload } from '../../schema/downloads.js';
import { type FileType, type PackageFile, parseVersionName, type VersionName } from './client.js';
import { GOOGLE_PACKAGE_KIND } from './downloads.js';
import { googleLoaders } from './loaders.js';

const IntegrationFileType = builder.enumType('IntegrationFileType', {
  description: 'A file of an integration version package (`File.type` of `downloadJsonPackage`).',
  values: {
    INTEGRATION: { description: 'The integration version itself (`integrationVersion`).' },
    INTEGRATION_CONFIG_VARIABLES: {
      description: 'The config variables of the version (`integrationConfig`).',
    },
  } satisfies Record<FileType, { description: string }>,
});

const IntegrationFile = builder.objectRef<PackageFile>('IntegrationFile').implement({
  description: 'One file of the JSON package (`files[]` of `downloadJsonPackage`).',
  fields: (t) => ({
    type: t.field({
      type: IntegrationFileType,
      description: '`type`: which file this is.',
      resolve: (f) => f.type as FileType,
    }),
    content: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The file content (`integrationVersion` or `integrationConfig`).',
      resolve: (f) => f.content,
    }),
  }),
});

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : [];
const ids = (v: unknown): string[] =>
  list(v)
    .map((x) => String(x.taskId ?? ''))
    .filter(Boolean);
const date = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

const IntegrationTrigger = builder.objectRef<Obj>('IntegrationTrigger').implement({
  description: 'A trigger of an integration version (`triggerConfigs[]`).',
  fields: (t) => ({
    label: t.string({ nullable: true, description: '`label`.', resolve: (o) => str(o.label) }),
    triggerType: t.string({
      nullable: true,
      description: '`triggerType` (API, CRON, CLOUD_PUBSUB_EXTERNAL…).',
      resolve: (o) => str(o.triggerType),
    }),
    triggerId: t.string({ nullable: true, description: '`triggerId`.', resolve: (o) => str(o.triggerId) }),
    triggerNumber: t.string({
      nullable: true,
      description: '`triggerNumber`.',
      resolve: (o) => str(o.triggerNumber),
    }),
    description: t.string({
      nullable: true,
      description: '`description`.',
      resolve: (o) => str(o.description),
    }),
    startTaskIds: t.stringList({
      description: '`startTasks[].taskId`: the tasks it starts.',
      resolve: (o) => ids(o.startTasks),
    }),
  }),
});

const IntegrationTask = builder.objectRef<Obj>('IntegrationTask').implement({
  description: 'A task of an integration version (`taskConfigs[]`).',
  fields: (t) => ({
    taskId: t.string({ nullable: true, description: '`taskId`.', resolve: (o) => str(o.taskId) }),
    task: t.string({
      nullable: true,
      description: '`task`: the task kind (e.g. FieldMappingTask).',
      resolve: (o) => str(o.task),
    }),
    displayName: t.string({
      nullable: true,
      description: '`displayName`.',
      resolve: (o) => str(o.displayName),
    }),
    description: t.string({
      nullable: true,
      description: '`description`.',
      resolve: (o) => str(o.description),
    }),
    nextTaskIds: t.stringList({ description: '`nextTasks[].taskId`.', resolve: (o) => ids(o.nextTasks) }),
    parameterKeys: t.stringList({
      description: 'Keys of `parameters`.',
      resolve: (o) => (typeof o.parameters === 'object' && o.parameters ? Object.keys(o.parameters) : []),
    }),
  }),
});

const IntegrationParameter = builder.objectRef<Obj>('IntegrationParameter').implement({
  description: 'A variable of an integration version (`integrationParameters[]`).',
  fields: (t) => ({
    key: t.string({ nullable: true, description: '`key`.', resolve: (o) => str(o.key) }),
    dataType: t.string({ nullable: true, description: '`dataType`.', resolve: (o) => str(o.dataType) }),
    displayName: t.string({
      nullable: true,
      description: '`displayName`.',
      resolve: (o) => str(o.displayName),
    }),
    inputOutputType: t.string({
      nullable: true,
      description: '`inputOutputType` (IN, OUT, IN_OUT).',
      resolve: (o) => str(o.inputOutputType),
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
const content = async (ctx: Context, v: VersionName, type: FileType) =>
  (await files(ctx, v, [type]))[0]?.content ?? null;
const version = (ctx: Context, v: VersionName) => content(ctx, v, 'INTEGRATION');

export const IntegrationVersion = builder.node(builder.objectRef<VersionName>('IntegrationVersion'), {
  authScopes: { 'google:read': true },
  description:
    'A Google Application Integration version (`projects/*/locations/*/integrations/*/versions/*`) and its JSON package (`downloadJsonPackage`). Resolving it makes no vendor call; all its package fields share one call per request.',
  interfaces: [Downloadable],
  id: { resolve: (v) => v.name },
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'integration' in v && 'projectId' in v,
  loadOne: (name) => parseVersionName(name),
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
      resolve: (v, args, ctx) => {
        if (args.types && args.types.length === 0) return [];
        return files(ctx, v, args.types ? [...new Set(args.types)] : 'ALL');
      },
    }),
    integrationVersion: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'Content of the INTEGRATION file (`integrationVersion`), as Google sent it.',
      resolve: (v, _a, ctx) => version(ctx, v),
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
      resolve: async (v, _a, ctx) => str((await version(ctx, v))?.description),
    }),
    state: t.string({
      nullable: true,
      description: '`integrationVersion.state` (ACTIVE, DRAFT, ARCHIVED, SNAPSHOT).',
      resolve: async (v, _a, ctx) => str((await version(ctx, v))?.state),
    }),
    status: t.string({
      nullable: true,
      description: '`integrationVersion.status` (deprecated by Google in favour of `state`).',
      deprecationReason: 'Google deprecated `status`; use `state`.',
      resolve: async (v, _a, ctx) => str((await version(ctx, v))?.status),
    }),
    snapshotNumber: t.string({
      nullable: true,
      description: '`integrationVersion.snapshotNumber` (an int64, as a string).',
      resolve: async (v, _a, ctx) => str((await version(ctx, v))?.snapshotNumber),
    }),
    createTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`integrationVersion.createTime`.',
      resolve: async (v, _a, ctx) => date((await version(ctx, v))?.createTime),
    }),
    updateTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`integrationVersion.updateTime`.',
      resolve: async (v, _a, ctx) => date((await version(ctx, v))?.updateTime),
    }),
    lastModifierEmail: t.string({
      nullable: true,
      description: '`integrationVersion.lastModifierEmail`.',
      resolve: async (v, _a, ctx) => str((await version(ctx, v))?.lastModifierEmail),
    }),
    userLabel: t.string({
      nullable: true,
      description: '`integrationVersion.userLabel`.',
      resolve: async (v, _a, ctx) => str((await version(ctx, v))?.userLabel),
    }),
    triggers: t.field({
      type: [IntegrationTrigger],
      description: '`integrationVersion.triggerConfigs`, summarized.',
      resolve: async (v, _a, ctx) => list((await version(ctx, v))?.triggerConfigs),
    }),
    tasks: t.field({
      type: [IntegrationTask],
      description: '`integrationVersion.taskConfigs`, summarized.',
      resolve: async (v, _a, ctx) => list((await version(ctx, v))?.taskConfigs),
    }),
    parameters: t.field({
      type: [IntegrationParameter],
      description: '`integrationVersion.integrationParameters`.',
      resolve: async (v, _a, ctx) => list((await version(ctx, v))?.integrationParameters),
    }),
    download: t.field({
      type: SignedUrl,
      description:
        'A signed URL for the whole JSON package as `{integration}-{version}.json`. Makes no vendor call itself.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }) },
      resolve: (v, args, ctx) => signedDownload(ctx, GOOGLE_PACKAGE_KIND, { name: v.name }, args.expiresIn),
    }),
  }),
});

builder.queryField('integrationVersion', (t) =>
  t.field({
    authScopes: { 'google:read': true },
    complexity: 50,
    type: IntegrationVersion,
    nullable: true,
    description:
      'A Google Application Integration version by resource name `projects/{p}/locations/{l}/integrations/{i}/versions/{v}`. A malformed name is BAD_USER_INPUT; an unknown one fails its package fields with NOT_FOUND.',
    args: {
      name: t.arg.string({ required: true, description: 'The full resource name of the version.' }),
      refresh: t.arg.boolean({ description: REFRESH_ARG_DESCRIPTION }),
    },
    resolve: (_root, args) => parseVersionName(args.name),
  }),
);
