/**
 * ROMA Connect browse fields: `romaApps` (ListAppsV2) and `romaTasks` (FDI ListTasks), Relay
 * connections over ROMA's own `offset`/`limit` paging with ROMA's `total` as `totalCount`. Each app
 * or task carries `exportInput`, the `ExportAssetsInput` that exports it with `exportAssets`.
 */
import { builder } from '../../builder.js';
import { BadUserInputError } from '../../errors.js';
import { ROMA } from './ref.js';
import { checkText, offsetArgs, offsetPage, type VendorPage, pagedComplexity } from '../paging.js';
import type { RomaApp as App, RomaTask as Task, Scope } from './client.js';

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

const RomaApp = builder.objectRef<Listed<App>>('RomaApp').implement({
  description:
    'A ROMA Connect integration application (`AppInfoWithBindNum` of ListAppsV2). Its `app_secret` is never shown.',
  fields: (t) => ({
    appId: t.exposeString('appId', { description: '`id`.' }),
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    remark: t.exposeString('remark', { nullable: true, description: '`remark`.' }),
    owner: t.exposeString('owner', {
      nullable: true,
      description: '`owner`: not in ListAppsV2’s `AppInfoWithBindNum`, so null unless an edition sends it.',
    }),
    creator: t.exposeString('creator', { nullable: true, description: '`creator` (USER, MARKET).' }),
    createTime: t.expose('createTime', {
      type: 'DateTime',
      nullable: true,
      description:
        '`create_time` where an edition sends it, else `register_time` (when the app was created).',
    }),
    updateTime: t.expose('updateTime', { type: 'DateTime', nullable: true, description: '`update_time`.' }),
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

const RomaTask = builder.objectRef<Listed<Task>>('RomaTask').implement({
  description: 'A ROMA Connect data integration (FDI) task (`BriefTaskRespBean` of ListTasks).',
  fields: (t) => ({
    taskId: t.exposeString('taskId', { description: '`task_id`.' }),
    taskName: t.exposeString('taskName', { nullable: true, description: '`task_name`.' }),
    taskType: t.exposeString('taskType', {
      nullable: true,
      description: '`task_type` (realtime, timing).',
    }),
    status: t.exposeInt('status', { nullable: true, description: '`status`: 0 stopped, 1 started.' }),
    executeStatus: t.exposeString('executeStatus', {
      nullable: true,
      description: '`execute_status` (UNSTARTED, RUNNING, SUCCESS, ERROR…).',
    }),
    createdDate: t.expose('createdDate', {
      type: 'DateTime',
      nullable: true,
      description: '`created_date`.',
    }),
    lastModifiedTime: t.expose('lastModifiedTime', {
      type: 'DateTime',
      nullable: true,
      description: '`last_modified_time` (epoch milliseconds).',
    }),
    exportInput: t.field({
      type: RomaExportSelection,
      description: 'What `exportAssets(input:)` takes to export this task.',
      resolve: (a) => ({ scope: a.scope, appIds: [], taskIds: [a.taskId] }),
    }),
    raw: t.expose('raw', { type: 'JSONObject', description: 'The item exactly as ROMA sent it.' }),
  }),
});

const totalCount = { description: 'ROMA’s `total`: how many items match, over all pages.' };

builder.queryFields((t) => ({
  romaApps: t.connection(
    {
      authScopes: { 'roma:read': true },
      complexity: pagedComplexity(50),
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
        const scope = client.scope(args.projectId, args.instanceId);
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
      fields: (c) => ({
        totalCount: c.int({
          nullable: true,
          ...totalCount,
          resolve: (p) => (p as unknown as VendorPage<unknown>).totalCount,
        }),
      }),
    },
    { name: 'RomaAppEdge', description: 'A ROMA app and its cursor.' },
  ),
  romaTasks: t.connection(
    {
      authScopes: { 'roma:read': true },
      complexity: pagedComplexity(50),
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
        const scope = client.scope(args.projectId, args.instanceId);
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
      fields: (c) => ({
        totalCount: c.int({
          nullable: true,
          ...totalCount,
          resolve: (p) => (p as unknown as VendorPage<unknown>).totalCount,
        }),
      }),
    },
    { name: 'RomaTaskEdge', description: 'A ROMA task and its cursor.' },
  ),
}));
