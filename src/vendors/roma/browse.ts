/**
 * ROMA Connect browse fields: `romaApps` (ListAppsV2) and `romaTasks` (FDI ListTasks), Relay
 * connections over ROMA's own `offset`/`limit` paging with ROMA's `total` as `totalCount`. Each app
 * or task carries `exportInput`, the `ExportAssetsInput` that exports it with `exportAssets`.
 */
import { builder } from '../../builder.js';
import { BadUserInputError } from '../../errors.js';
import { ROMA } from './ref.js';
import { checkText, offsetArgs, offsetPage, type VendorPage, pagedComplexity } from '../paging.js';
import { romaTime, type Scope } from './client.js';

type Obj = Record<string, unknown>;
interface Listed {
  scope: Scope;
  item: Obj;
}
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

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

const RomaApp = builder.objectRef<Listed>('RomaApp').implement({
  description: 'A ROMA Connect integration application (`AppInfoWithBindNum` of ListAppsV2).',
  fields: (t) => ({
    appId: t.string({ description: '`id`.', resolve: (a) => String(a.item.id ?? '') }),
    name: t.string({ nullable: true, description: '`name`.', resolve: (a) => str(a.item.name) }),
    remark: t.string({ nullable: true, description: '`remark`.', resolve: (a) => str(a.item.remark) }),
    owner: t.string({ nullable: true, description: '`owner`.', resolve: (a) => str(a.item.owner) }),
    creator: t.string({
      nullable: true,
      description: '`creator` (USER, MARKET).',
      resolve: (a) => str(a.item.creator),
    }),
    createTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`create_time`.',
      resolve: (a) => romaTime(a.item.create_time),
    }),
    updateTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`update_time`.',
      resolve: (a) => romaTime(a.item.update_time),
    }),
    exportInput: t.field({
      type: RomaExportSelection,
      description: 'What `exportAssets(input:)` takes to export this app.',
      resolve: (a) => ({ scope: a.scope, appIds: [String(a.item.id ?? '')], taskIds: [] }),
    }),
    raw: t.field({
      type: 'JSONObject',
      description: 'The item exactly as ROMA sent it, `app_secret` left out.',
      resolve: (a) => {
        const { app_secret, ...rest } = a.item;
        void app_secret;
        return rest;
      },
    }),
  }),
});

const RomaTask = builder.objectRef<Listed>('RomaTask').implement({
  description: 'A ROMA Connect data integration (FDI) task (`BriefTaskRespBean` of ListTasks).',
  fields: (t) => ({
    taskId: t.string({ description: '`task_id`.', resolve: (a) => String(a.item.task_id ?? '') }),
    taskName: t.string({
      nullable: true,
      description: '`task_name`.',
      resolve: (a) => str(a.item.task_name),
    }),
    taskType: t.string({
      nullable: true,
      description: '`task_type` (realtime, batch, cdc…).',
      resolve: (a) => str(a.item.task_type),
    }),
    status: t.int({
      nullable: true,
      description: '`status`: 0 stopped, 1 started.',
      resolve: (a) => num(a.item.status),
    }),
    executeStatus: t.string({
      nullable: true,
      description: '`execute_status` (UNSTARTED, RUNNING, SUCCESS, ERROR…).',
      resolve: (a) => str(a.item.execute_status),
    }),
    createdDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`created_date`.',
      resolve: (a) => romaTime(a.item.created_date),
    }),
    lastModifiedTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`last_modified_time` (epoch milliseconds).',
      resolve: (a) => romaTime(a.item.last_modified_time),
    }),
    exportInput: t.field({
      type: RomaExportSelection,
      description: 'What `exportAssets(input:)` takes to export this task.',
      resolve: (a) => ({ scope: a.scope, appIds: [], taskIds: [String(a.item.task_id ?? '')] }),
    }),
    raw: t.field({
      type: 'JSONObject',
      description: 'The item exactly as ROMA sent it.',
      resolve: (a) => a.item,
    }),
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
          list.items.map((item) => ({ scope, item })),
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
          resolve: (p) => (p as unknown as VendorPage<Listed>).totalCount,
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
        taskName: t.arg.string({ description: 'ROMA `task_name`: a fuzzy match on the task name.' }),
        status: t.arg.int({ description: 'ROMA `status`: 0 stopped, 1 started.' }),
        projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
        instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
      },
      resolve: async (_root, args, ctx) => {
        const client = ctx.gateway.vendors.client(ROMA);
        const scope = client.scope(args.projectId, args.instanceId);
        const taskName = checkText('taskName', args.taskName, 100);
        if (args.status != null && args.status !== 0 && args.status !== 1) {
          throw new BadUserInputError('status must be 0 or 1');
        }
        const { offset, limit } = offsetArgs(args);
        const list = await client.listTasks(
          scope,
          { offset, limit, taskName, status: args.status == null ? undefined : String(args.status) },
          ctx.signal,
        );
        return offsetPage(
          offset,
          limit,
          list.items.map((item) => ({ scope, item })),
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
          resolve: (p) => (p as unknown as VendorPage<Listed>).totalCount,
        }),
      }),
    },
    { name: 'RomaTaskEdge', description: 'A ROMA task and its cursor.' },
  ),
}));
