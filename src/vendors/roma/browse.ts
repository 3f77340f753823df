// Longer than 300 lines: two listed types (RomaApp, RomaTask) with their enums, catalog sources and root fields, sharing one paging walk.
/**
 * ROMA Connect browse fields: `romaApps` (ListAppsV2) and `romaTasks` (FDI ListTasks), Relay
 * connections over ROMA's own `offset`/`limit` paging with ROMA's `total` as `totalCount`. Each app
 * or task carries `exportInput`, the `ExportAssetsInput` that exports it with `exportAssets`.
 */
import type { ObjectFieldBuilder } from '@pothos/core';
import { type BuilderTypes, builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import {
  type CatalogScopes,
  CatalogItem,
  loadFromList,
  registerListedNodeDoor,
  registerCatalogSource,
  walkPages,
} from '../../schema/catalog-items.js';
import { vendorEnum } from '../../schema/conventions.js';
import { FORWARD_ONLY } from '../../schema/forward-only-plugin.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { ROMA } from './ref.js';
import { checkText, offsetArgs, offsetPage, type VendorPage, pagedComplexity } from '../paging.js';
import { isRomaId, type RomaApp as App, type RomaTask as Task, type Scope } from './parse.js';

/** A listed item and the scope it was listed in (for `exportInput`). */
type Listed<T> = T & { scope: Scope };

const RomaExportSelection = builder
  .objectRef<{ scope: Scope; appIds: string[]; taskIds: string[] }>('RomaExportSelection')
  .implement({
    description:
      'The `ExportAssetsInput` that exports this app or task: pass its fields to `exportAssets(input:)`, then follow `assetJob` → `archive` → `download`.',
    fields: (t) => ({
      appIds: t.exposeStringList('appIds', { description: 'App ids (`apps: [{id}]`).' }),
      taskIds: t.exposeStringList('taskIds', { description: 'Task ids (`tasks: [{id}]`).' }),
      projectId: t.string({ description: 'The ROMA project.', resolve: (s) => s.scope.projectId }),
      instanceId: t.string({ description: 'The ROMA instance.', resolve: (s) => s.scope.instanceId }),
    }),
  });

const RomaAppStatus = builder.enumType('RomaAppStatus', {
  description: 'A ROMA app’s `status` (ListAppsV2 documents 1 = valid); any other value is UNKNOWN.',
  values: {
    VALID: { description: '`status` 1: the app is valid.' },
    UNKNOWN: { description: 'A value the reference does not name: see `vendorStatus`.' },
  },
});

const RomaAppType = builder.enumType('RomaAppType', {
  description:
    'A ROMA app’s `app_type`: `roma` (an integration app) or `apig` (an existing APIC client); any other value is UNKNOWN.',
  values: {
    ROMA: { description: '`roma`: a ROMA integration app.' },
    APIG: { description: '`apig`: an existing APIC client (new instances no longer create them).' },
    UNKNOWN: { description: 'A value the reference does not name: see `vendorType`.' },
  },
});

const APP_TYPES: Record<string, 'ROMA' | 'APIG'> = { roma: 'ROMA', apig: 'APIG' };

/** `{project_id}/{instance_id}/{id}`: a listed item's key, the inverse of its global id. */
function romaKey(kind: string) {
  return (key: string): CatalogScopes => {
    const [romaProjectId = '', romaInstanceId = '', id = '', ...rest] = key.split('/');
    if (rest.length > 0 || ![romaProjectId, romaInstanceId, id].every(isRomaId)) {
      throw new BadUserInputError(`${kind} ids are {project_id}/{instance_id}/{id}`);
    }
    return { romaProjectId, romaInstanceId };
  };
}

/** Walks one ROMA list (`offset`/`limit`, ROMA's `total`) in `scopes`. */
function walkRoma<T>(
  ctx: Context,
  scopes: CatalogScopes,
  list: (scope: Scope, offset: number, limit: number) => Promise<{ items: T[]; total: number | null }>,
): Promise<Listed<T>[]> {
  const client = ctx.gateway.vendors.client(ROMA);
  const scope = client.resolveScope(scopes.romaProjectId, scopes.romaInstanceId);
  const limit = 100;
  return walkPages<Listed<T>, number>(ROMA.vendor, async (offset = 0) => {
    const page = await list(scope, offset, limit);
    const end = offset + page.items.length;
    const more =
      page.items.length > 0 && (page.total != null ? end < page.total : page.items.length >= limit);
    return { items: page.items.map((i) => ({ ...i, scope })), next: more ? end : undefined };
  });
}

const keyOf = (a: { scope: Scope }, id: string) => `${a.scope.projectId}/${a.scope.instanceId}/${id}`;

const appsSource = registerCatalogSource<Listed<App>>({
  kind: 'ROMA_APP',
  kindDescription: 'A ROMA Connect integration application (`RomaApp`).',
  descriptionFrom: 'ROMA `remark`',
  scopeFields: {
    romaProjectId: 'ROMA project id (default ROMA_PROJECT_ID).',
    romaInstanceId: 'ROMA instance id (default ROMA_INSTANCE_ID).',
  },
  vendor: ROMA.vendor,
  typename: 'RomaApp',
  scope: 'roma:read',
  list: (ctx, scopes) =>
    walkRoma(ctx, scopes, (scope, offset, limit) =>
      ctx.gateway.vendors.client(ROMA).listApps(scope, { offset, limit }, ctx.signal),
    ),
  view: (a) => ({ key: keyOf(a, a.appId), name: a.name, description: a.remark, updatedAt: a.updateTime }),
  scopesOfKey: romaKey('RomaApp'),
});

const tasksSource = registerCatalogSource<Listed<Task>>({
  kind: 'ROMA_TASK',
  kindDescription: 'A ROMA Connect data integration task (`RomaTask`).',
  scopeFields: {
    romaProjectId: 'ROMA project id (default ROMA_PROJECT_ID).',
    romaInstanceId: 'ROMA instance id (default ROMA_INSTANCE_ID).',
  },
  vendor: ROMA.vendor,
  typename: 'RomaTask',
  scope: 'roma:read',
  list: (ctx, scopes) =>
    walkRoma(ctx, scopes, (scope, offset, limit) =>
      ctx.gateway.vendors.client(ROMA).listTasks(scope, { offset, limit }, ctx.signal),
    ),
  view: (a) => ({
    key: keyOf(a, a.taskId),
    name: a.taskName,
    description: null,
    updatedAt: a.lastModifiedTime,
  }),
  scopesOfKey: romaKey('RomaTask'),
});

registerListedNodeDoor(appsSource);
registerListedNodeDoor(tasksSource);

const RomaApp = builder.node(builder.objectRef<Listed<App>>('RomaApp'), {
  interfaces: [CatalogItem],
  id: { resolve: (a) => keyOf(a, a.appId) },
  loadMany: loadFromList(appsSource),
  description:
    'A ROMA Connect integration application (`AppInfoWithBindNum` of ListAppsV2). Its `app_secret` is never shown.',
  fields: (t) => ({
    appId: t.exposeString('appId', { description: '`id`.' }),
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    description: t.exposeString('remark', { nullable: true, description: '`remark`.' }),
    remark: t.exposeString('remark', { nullable: true, description: '`remark`.' }),
    owner: t.exposeString('owner', {
      nullable: true,
      description: '`owner`: not in ListAppsV2’s `AppInfoWithBindNum`, so null unless an edition sends it.',
    }),
    creator: t.exposeString('creator', { nullable: true, description: '`creator` (USER, MARKET).' }),
    createdAt: t.expose('createTime', {
      type: 'DateTime',
      nullable: true,
      description: '`create_time` where an edition sends it, else `register_time`.',
    }),
    updatedAt: t.expose('updateTime', { type: 'DateTime', nullable: true, description: '`update_time`.' }),
    createTime: t.expose('createTime', {
      type: 'DateTime',
      nullable: true,
      description:
        '`create_time` where an edition sends it, else `register_time` (when the app was created).',
      deprecationReason: 'use createdAt',
    }),
    updateTime: t.expose('updateTime', {
      type: 'DateTime',
      nullable: true,
      description: '`update_time`.',
      deprecationReason: 'use updatedAt',
    }),
    registeredAt: t.expose('registeredAt', {
      type: 'DateTime',
      nullable: true,
      description: '`register_time`: when the app was registered (created).',
    }),
    status: t.field({
      type: RomaAppStatus,
      description: '`status`, read: 1 is VALID; any other value (or none) is UNKNOWN.',
      resolve: (a) => (a.status === 1 ? 'VALID' : 'UNKNOWN'),
    }),
    vendorStatus: t.string({
      nullable: true,
      description: '`status` exactly as ROMA sent it, as text.',
      resolve: (a) => (a.status == null ? null : String(a.status)),
    }),
    type: t.field({
      type: RomaAppType,
      description: '`app_type`, read: `roma` or `apig`; any other value (or none) is UNKNOWN.',
      resolve: (a) => (a.appType ? (APP_TYPES[a.appType.toLowerCase()] ?? 'UNKNOWN') : 'UNKNOWN'),
    }),
    vendorType: t.exposeString('appType', {
      nullable: true,
      description: '`app_type` exactly as ROMA sent it.',
    }),
    romaAppType: t.exposeString('romaAppType', {
      nullable: true,
      description: '`roma_app_type` as sent (subscription, integration).',
    }),
    bindNum: t.exposeInt('bindNum', {
      nullable: true,
      description: '`bind_num`: how many APIs are bound to the app.',
    }),
    exportInput: t.field({
      type: RomaExportSelection,
      description: 'What `exportAssets(input:)` takes to export this app.',
      resolve: (a) => ({ scope: a.scope, appIds: [a.appId], taskIds: [] }),
    }),
    raw: t.expose('raw', {
      type: 'JSONObject',
      description: 'The item exactly as ROMA sent it, `app_secret` left out.',
    }),
  }),
});

const TaskState = builder.enumType('RomaTaskState', {
  description: 'Whether a ROMA FDI task is started (`status`).',
  values: {
    STOPPED: { description: '`0`: stopped.' },
    STARTED: { description: '`1`: started.' },
    UNKNOWN: { description: 'A value this gateway does not know: see `vendorStatus`.' },
  } as const,
});

const ExecuteStatus = vendorEnum('RomaTaskExecuteStatus', {
  description: 'How a ROMA FDI task’s last run went (`execute_status`).',
  values: {
    UNSTARTED: 'Never run.',
    WAITING: 'Waiting to run.',
    RUNNING: 'Running.',
    SUCCESS: 'The last run succeeded.',
    ERROR: 'The last run failed.',
    CANCELLED: 'The last run was cancelled.',
  },
  other: 'OTHER',
});

const RomaTask = builder.node(builder.objectRef<Listed<Task>>('RomaTask'), {
  interfaces: [CatalogItem],
  id: { resolve: (a) => keyOf(a, a.taskId) },
  loadMany: loadFromList(tasksSource),
  description: 'A ROMA Connect data integration (FDI) task (`BriefTaskRespBean` of ListTasks).',
  fields: (t) => ({
    taskId: t.exposeString('taskId', { description: '`task_id`.' }),
    name: t.exposeString('taskName', { nullable: true, description: '`task_name`.' }),
    taskName: t.exposeString('taskName', { nullable: true, description: '`task_name`.' }),
    taskType: t.exposeString('taskType', {
      nullable: true,
      description: '`task_type` (realtime, timing).',
    }),
    state: t.field({
      type: TaskState,
      nullable: true,
      description: '`status` as an enum: STOPPED (0), STARTED (1), UNKNOWN for anything else.',
      resolve: (a) =>
        a.status === 0 ? 'STOPPED' : a.status === 1 ? 'STARTED' : a.status == null ? null : 'UNKNOWN',
    }),
    vendorStatus: t.string({
      nullable: true,
      description: '`status` exactly as ROMA sent it (`0` stopped, `1` started), as text.',
      resolve: (a) => (a.status == null ? null : String(a.status)),
    }),
    status: t.exposeInt('status', {
      nullable: true,
      description: '`status`: 0 stopped, 1 started.',
      deprecationReason: 'use state (an enum) or vendorStatus',
    }),
    executeStatus: t.field({
      type: ExecuteStatus.ref,
      nullable: true,
      description: '`execute_status` as an enum; OTHER for a value this gateway does not know.',
      resolve: (a) => ExecuteStatus.of(a.executeStatus),
    }),
    vendorExecuteStatus: t.exposeString('executeStatus', {
      nullable: true,
      description: '`execute_status` exactly as ROMA sent it (UNSTARTED, RUNNING, SUCCESS, ERROR…).',
    }),
    createdAt: t.expose('createdDate', { type: 'DateTime', nullable: true, description: '`created_date`.' }),
    updatedAt: t.expose('lastModifiedTime', {
      type: 'DateTime',
      nullable: true,
      description: '`last_modified_time` (epoch milliseconds).',
    }),
    createdDate: t.expose('createdDate', {
      type: 'DateTime',
      nullable: true,
      description: '`created_date`.',
      deprecationReason: 'use createdAt',
    }),
    lastModifiedTime: t.expose('lastModifiedTime', {
      type: 'DateTime',
      nullable: true,
      description: '`last_modified_time` (epoch milliseconds).',
      deprecationReason: 'use updatedAt',
    }),
    exportInput: t.field({
      type: RomaExportSelection,
      description: 'What `exportAssets(input:)` takes to export this task.',
      resolve: (a) => ({ scope: a.scope, appIds: [], taskIds: [a.taskId] }),
    }),
    raw: t.expose('raw', { type: 'JSONObject', description: 'The item exactly as ROMA sent it.' }),
  }),
});

/** The `totalCount` of a ROMA connection: ROMA's `total`, from the page offsetPage made. */
function totalCountField<Shape>(c: ObjectFieldBuilder<BuilderTypes, Shape>) {
  return {
    totalCount: c.int({
      nullable: true,
      description: 'ROMA’s `total`: how many items match, over all pages.',
      resolve: (p) => (p as unknown as VendorPage<unknown>).totalCount,
    }),
  };
}

builder.queryFields((t) => ({
  romaApps: t.connection(
    {
      authScopes: { 'roma:read': true },
      complexity: pagedComplexity(50),
      extensions: FORWARD_ONLY,
      type: RomaApp,
      nullable: true,
      description:
        'ROMA Connect apps (ListAppsV2, `GET /v2/{project_id}/apic/instances/{instance_id}/apps`), paged by ROMA (`offset`/`limit`; the cursor is the offset). A ROMA failure nulls only this field.',
      args: {
        name: t.arg.string({ description: 'ROMA `name`: a fuzzy match on the app name.' }),
        projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
        instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
      },
      resolve: async (_root, args, ctx) => {
        const client = ctx.gateway.vendors.client(ROMA);
        const scope = client.resolveScope(args.projectId, args.instanceId);
        const name = checkText('name', args.name, 64);
        const { offset, limit } = offsetArgs(args);
        const list = await client.listApps(scope, { offset, limit, name }, ctx.signal);
        return offsetPage(
          offset,
          limit,
          list.items.map((item) => ({ ...item, scope })),
          list.total,
        ) as never;
      },
    },
    {
      name: 'RomaAppConnection',
      description: 'A page of ROMA apps.',
      fields: totalCountField,
    },
    { name: 'RomaAppEdge', description: 'A ROMA app and its cursor.' },
  ),
  romaTasks: t.connection(
    {
      authScopes: { 'roma:read': true },
      complexity: pagedComplexity(50),
      extensions: FORWARD_ONLY,
      type: RomaTask,
      nullable: true,
      description:
        'ROMA Connect data integration tasks (ListTasks, `GET /v2/{project_id}/fdi/instances/{instance_id}/tasks`), paged by ROMA (`offset`/`limit`). A ROMA failure nulls only this field.',
      args: {
        taskName: t.arg.string({
          description:
            'A fuzzy match on the task name (sent as `task_name`, `taks_name` or `name` as ROMA_TASKS_EDITION says).',
        }),
        status: t.arg.int({ description: 'ROMA `status`: 0 stopped, 1 started.' }),
        projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
        instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
      },
      resolve: async (_root, args, ctx) => {
        const client = ctx.gateway.vendors.client(ROMA);
        const scope = client.resolveScope(args.projectId, args.instanceId);
        const taskName = checkText('taskName', args.taskName, 64);
        if (args.status != null && args.status !== 0 && args.status !== 1) {
          throw new BadUserInputError('status must be 0 or 1');
        }
        const { offset, limit } = offsetArgs(args);
        // ListTasks documents offsets up to 20000: a deeper cursor is refused before any call.
        if (offset >= 20_000) throw new BadUserInputError('ROMA lists tasks up to offset 20000 only');
        const list = await client.listTasks(
          scope,
          { offset, limit, taskName, status: args.status == null ? undefined : String(args.status) },
          ctx.signal,
        );
        return offsetPage(
          offset,
          limit,
          list.items.map((item) => ({ ...item, scope })),
          list.total,
        ) as never;
      },
    },
    {
      name: 'RomaTaskConnection',
      description: 'A page of ROMA tasks.',
      fields: totalCountField,
    },
    { name: 'RomaTaskEdge', description: 'A ROMA task and its cursor.' },
  ),
}));
