/**
 * Huawei ROMA Connect root fields: `exportAssets`, `assetJob`, `assetArchive`; the types are
 * schema-archive.ts and schema-job.ts, the `assetJobProgress` subscription schema-subscription.ts.
 */
import { builder } from '../../graphql/builder.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { ROMA } from './ref.js';
import { checkRomaId, type Scope } from './parse.js';
import { AssetArchive, lookup } from './schema-archive.js';
import { AssetJob } from './schema-job.js';
import './schema-subscription.js';

const MAX_IDS = 100;
function idList(name: string, ids: readonly string[] | null | undefined): string[] {
  const list = [...new Set(ids ?? [])];
  if (list.length > MAX_IDS) throw new BadUserInputError(`${name} takes at most ${MAX_IDS} ids`);
  return list.map((id) => checkRomaId(name, id));
}

const ExportAssetsInput = builder.inputType('ExportAssetsInput', {
  description: 'What to export from ROMA Connect (`POST …/assets/export`).',
  fields: (t) => ({
    appIds: t.stringList({
      description: 'Application ids to export (sent as `apps: [{id}]`; at most 100 apps and tasks together).',
    }),
    taskIds: t.stringList({
      description: 'Task ids to export (sent as `tasks: [{id}]`; at most 100 apps and tasks together).',
    }),
    projectId: t.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
    instanceId: t.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
  }),
});

const ExportAssetsPayload = builder
  .objectRef<{ jobId: string; scope: Scope }>('ExportAssetsPayload')
  .implement({
    description: 'The export job that was started.',
    fields: (t) => ({
      jobId: t.string({ description: '`job_id`: pass it to `assetJob(jobId:)`.', resolve: (p) => p.jobId }),
      projectId: t.string({ description: 'The project the job runs in.', resolve: (p) => p.scope.projectId }),
      instanceId: t.string({
        description: 'The instance the job runs in.',
        resolve: (p) => p.scope.instanceId,
      }),
    }),
  });

builder.mutationType({ description: 'Acts that change something at a vendor.' });

builder.mutationField('exportAssets', (t) =>
  t.field({
    authScopes: { 'roma:export': true },
    complexity: 50,
    type: ExportAssetsPayload,
    description:
      'Starts a ROMA asset export job. Poll it with `assetJob(jobId:)`; its archive appears when it succeeded. ROMA runs one export job per user at a time: while one is RUNNING, this fails with RATE_LIMITED (ROMA’s error code in `vendorCode`).',
    args: { input: t.arg({ type: ExportAssetsInput, required: true, description: 'What to export.' }) },
    resolve: async (_root, { input }, ctx) => {
      const client = ctx.gateway.vendors.client(ROMA);
      const scope = client.resolveScope(input.projectId, input.instanceId);
      const appIds = idList('appIds', input.appIds);
      const taskIds = idList('taskIds', input.taskIds);
      if (appIds.length + taskIds.length === 0)
        throw new BadUserInputError('give at least one app id or task id');
      if (appIds.length + taskIds.length > MAX_IDS)
        throw new BadUserInputError(`ROMA exports at most ${MAX_IDS} apps and tasks in one job`);
      return { jobId: await client.exportAssets(scope, appIds, taskIds, ctx.signal), scope };
    },
  }),
);

builder.queryFields((t) => ({
  assetJob: t.field({
    authScopes: { 'roma:read': true },
    complexity: 50,
    type: AssetJob,
    nullable: true,
    description: 'A ROMA export job; null when ROMA does not know it.',
    args: {
      jobId: t.arg.string({ required: true, description: '`job_id` from `exportAssets`.' }),
      projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
      instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
    },
    resolve: async (_root, args, ctx) => {
      const client = ctx.gateway.vendors.client(ROMA);
      const scope = client.resolveScope(args.projectId, args.instanceId);
      const jobId = checkRomaId('jobId', args.jobId);
      try {
        return { ...(await client.getJob(scope, jobId, ctx.signal)), scope };
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return null;
        throw err;
      }
    },
  }),
  assetArchive: t.field({
    authScopes: { 'roma:read': true },
    complexity: 100,
    type: AssetArchive,
    nullable: true,
    description:
      'A ROMA asset package, taken into the gateway’s vault on first ask (the vendor allows one download). Null when ROMA says no such archive exists (404); ARCHIVE_ALREADY_CONSUMED only when ROMA refuses it as already downloaded and the vault has no copy.',
    args: {
      archiveId: t.arg.string({ required: true, description: '`archive_id` from a succeeded export job.' }),
      projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
      instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
    },
    resolve: (_root, args, ctx) => {
      const client = ctx.gateway.vendors.client(ROMA);
      return lookup(
        ctx,
        client.resolveScope(args.projectId, args.instanceId),
        checkRomaId('archiveId', args.archiveId),
      );
    },
  }),
}));
