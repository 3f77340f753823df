/** Huawei ROMA Connect: `AssetArchive` (kept in the vault), `AssetJob`, `exportAssets`, `assetJob`, `assetArchive`. */
import { builder } from '../../graphql/builder.js';
import { type Context, requestDeadline } from '../../graphql/context.js';
import { createGraphQLError, Repeater } from 'graphql-yoga';
import { FINAL, jobFollower } from './progress.js';
import { openRequestBudget } from '../../http/budget.js';
import type { VaultEntry } from '../../downloads/vault.js';
import { ArchiveAlreadyConsumedError, BadUserInputError, ForbiddenError } from '../../foundations/errors.js';
import { ROMA } from './ref.js';
import { Downloadable, SignedUrl, signedDownload } from '../../schema/downloads.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import { checkRomaId, type ExportJob, parseArchiveRef, type Scope } from './client.js';
import { ROMA_ARCHIVE_KIND } from './downloads.js';

interface ArchiveShape {
  scope: Scope;
  archiveId: string;
  /** The kept archive (its record and its bytes). */
  entry: VaultEntry;
  /** apps/tasks, read once from the kept body when it is the seed's JSON. */
  seed?: Promise<{ apps: string | null; tasks: string[]; raw: unknown }>;
}

const SEED_MAX_BYTES = 10 * 1024 * 1024;

async function seedContent(a: ArchiveShape): Promise<{ apps: string | null; tasks: string[]; raw: unknown }> {
  a.seed ??= (async () => {
    const none = { apps: null, tasks: [], raw: null };
    const { meta } = a.entry;
    if (!/json/i.test(meta.contentType) || meta.size > SEED_MAX_BYTES) return none;
    const chunks: Buffer[] = [];
    for await (const c of a.entry.open()) chunks.push(c as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { apps?: unknown; tasks?: unknown };
      const tasks = Array.isArray(body.tasks)
        ? body.tasks
            .map((t: { task_id?: unknown }) => t?.task_id)
            .filter((t): t is string => typeof t === 'string')
        : [];
      return { apps: typeof body.apps === 'string' ? body.apps : null, tasks, raw: body };
    } catch {
      return none;
    }
  })();
  return a.seed;
}

/** `{projectId}/{instanceId}/{archiveId}`: the native key inside the global id, every part checked. */
function parseArchiveKey(key: string) {
  const [projectId, instanceId, archiveId, extra] = key.split('/');
  if (extra !== undefined) throw new BadUserInputError('malformed AssetArchive id');
  return parseArchiveRef({ projectId, instanceId, archiveId });
}

async function keep(ctx: Context, scope: Scope, archiveId: string): Promise<ArchiveShape> {
  const client = ctx.gateway.vendors.client(ROMA);
  // The caller waits until its deadline at most; the fetch into the vault goes on without it.
  return { scope, archiveId, entry: await client.archives.ensure(scope, archiveId, ctx.signal) };
}

/** A lookup: null (no error) when ROMA says the archive does not exist (404: a typo, never issued). */
async function lookup(ctx: Context, scope: Scope, archiveId: string): Promise<ArchiveShape | null> {
  try {
    return await keep(ctx, scope, archiveId);
  } catch (err) {
    if ((err as { code?: string }).code === 'NOT_FOUND') return null;
    throw err;
  }
}

const AssetTask = builder.objectRef<string>('AssetTask').implement({
  description: 'A task listed in an asset package (`tasks[]` of the package body).',
  fields: (t) => ({ taskId: t.string({ description: '`task_id`.', resolve: (id) => id }) }),
});

export const AssetArchive = builder.node(builder.objectRef<ArchiveShape>('AssetArchive'), {
  authScopes: { 'roma:read': true },
  description:
    'A ROMA Connect asset package (`GET /v2/{project_id}/instances/{instance_id}/assets/archives/{archive_id}`). ROMA lets it be downloaded only once: the gateway takes that one download into its vault before answering, and serves every later read and download from there.',
  interfaces: [Downloadable],
  id: { resolve: (a) => `${a.scope.projectId}/${a.scope.instanceId}/${a.archiveId}` },
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'archiveId' in v && 'entry' in v,
  loadOne: (key, ctx) => {
    const ref = parseArchiveKey(key);
    // The door (registerNodeDoor below) has checked scope and key; ROMA's 404 is null, no error.
    return lookup(ctx, ref.scope, ref.archiveId);
  },
  fields: (t) => ({
    projectId: t.string({ description: 'ROMA `project_id`.', resolve: (a) => a.scope.projectId }),
    instanceId: t.string({ description: 'ROMA `instance_id`.', resolve: (a) => a.scope.instanceId }),
    archiveId: t.exposeString('archiveId', {
      description: 'ROMA `archive_id` (from the export job’s `archive_id`, or `entities.archive_id`).',
    }),
    fileName: t.string({
      nullable: true,
      description: 'The file name from ROMA’s Content-Disposition (sanitized), if it sent one.',
      resolve: (a) => a.entry.meta.fileName ?? null,
    }),
    contentType: t.string({
      description: 'The Content-Type ROMA sent.',
      resolve: (a) => a.entry.meta.contentType,
    }),
    size: t.field({
      type: 'NonNegativeInt',
      description: 'Size in bytes, exactly as received.',
      resolve: (a) => a.entry.meta.size,
    }),
    sha256: t.string({
      description: 'SHA-256 of the bytes as received (hex).',
      resolve: (a) => a.entry.meta.sha256,
    }),
    retrievedAt: t.field({
      type: 'DateTime',
      description: 'When the gateway took the one download from ROMA.',
      resolve: (a) => new Date(a.entry.meta.retrievedAt),
    }),
    appIds: t.stringList({
      description:
        '`apps` of the package body split at its commas, when ROMA sent the documented JSON (empty for a binary package).',
      resolve: async (a) =>
        ((await seedContent(a)).apps ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
    }),
    apps: t.string({
      nullable: true,
      description:
        '`apps` of the package body, when ROMA sent the documented JSON (null for a binary package).',
      deprecationReason: 'use appIds',
      resolve: async (a) => (await seedContent(a)).apps,
    }),
    tasks: t.field({
      type: [AssetTask],
      description: '`tasks[].task_id` of the package body, when ROMA sent the documented JSON.',
      resolve: async (a) => (await seedContent(a)).tasks,
    }),
    raw: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The package body parsed as JSON when ROMA sent JSON (the seed’s `{apps, tasks}` form); null for a binary package.',
      resolve: async (a) => (await seedContent(a)).raw,
    }),
    download: t.field({
      type: SignedUrl,
      description:
        'A signed URL served from the gateway’s vault (never from ROMA again). Use it as often as you like until it expires.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }) },
      resolve: (a, args, ctx) =>
        signedDownload(
          ctx,
          ROMA_ARCHIVE_KIND,
          { projectId: a.scope.projectId, instanceId: a.scope.instanceId, archiveId: a.archiveId },
          args.expiresIn,
        ),
    }),
  }),
});

// The one door of node(id), nodes(ids) and _entities. Fetching an AssetArchive by id takes ROMA's
// one download: scope and key are checked first.
registerNodeDoor('AssetArchive', {
  scope: 'roma:read',
  check: (key) => {
    const ref = parseArchiveKey(key);
    return `${ref.scope.projectId}/${ref.scope.instanceId}/${ref.archiveId}`;
  },
});

// Federation: other subgraphs reference an archive by project, instance and archive id. Resolving
// one takes ROMA's one download into the vault, as `assetArchive` does.
federateEntity(AssetArchive, {
  key: builder.selection<{ projectId: string; instanceId: string; archiveId: string }>(
    'projectId instanceId archiveId',
  ),
  nativeKey: (rep) =>
    `${keyField(rep, 'projectId')}/${keyField(rep, 'instanceId')}/${keyField(rep, 'archiveId')}`,
  load: (key, ctx) => {
    const ref = parseArchiveKey(key);
    return lookup(ctx, ref.scope, ref.archiveId);
  },
});

const AssetJobStatus = builder.enumType('AssetJobStatus', {
  description:
    'Where a ROMA export job stands (`status`): `RUNNING|SUCCEEDED|FAILED` in the current reference, `Running|Success|Failed|Finished` in older editions (both read).',
  values: {
    RUNNING: { description: 'Still exporting.' },
    SUCCEEDED: { description: 'Done: `archive` is ready.' },
    FAILED: { description: 'Failed: see `reasons`.' },
    FINISHED: {
      description:
        '`Finished` (older ROMA editions): the package was already downloaded and ROMA no longer returns its `archive_id`.',
    },
    UNKNOWN: { description: 'ROMA reported a status this gateway does not know.' },
  },
});

const AssetJobReason = builder.objectRef<ExportJob['reasons'][number]>('AssetJobReason').implement({
  description: 'Why part of an export job failed (`reasons[]`).',
  fields: (t) => ({
    resourceType: t.string({
      nullable: true,
      description: '`resource_type` (`application` or `task`).',
      resolve: (r) => r.resourceType,
    }),
    resourceName: t.string({
      nullable: true,
      description: '`resource_name`.',
      resolve: (r) => r.resourceName,
    }),
    errorCode: t.string({ nullable: true, description: '`error_code`.', resolve: (r) => r.errorCode }),
    errorMsg: t.string({ nullable: true, description: '`error_msg`.', resolve: (r) => r.errorMsg }),
  }),
});

interface JobShape extends ExportJob {
  scope: Scope;
}

const AssetJob = builder.objectRef<JobShape>('AssetJob').implement({
  description:
    'A ROMA asset export job (`GET /v2/{project_id}/instances/{instance_id}/assets/jobs/{job_id}`).',
  fields: (t) => ({
    jobId: t.string({ description: '`job_id`.', resolve: (j) => j.jobId }),
    type: t.string({
      nullable: true,
      description: '`type`: `exportAsset` or `importAsset`.',
      resolve: (j) => j.type,
    }),
    status: t.field({ type: AssetJobStatus, description: '`status`.', resolve: (j) => j.status }),
    vendorStatus: t.string({
      nullable: true,
      description: '`status` exactly as ROMA sent it (e.g. `Success` or `SUCCEEDED`).',
      resolve: (j) => j.rawStatus,
    }),
    progress: t.float({
      nullable: true,
      description: '`progress_percent` as ROMA documents it: a fraction from 0 to 1 (0.35 = 35 %).',
      resolve: (j) => j.progress,
    }),
    progressPercent: t.int({
      nullable: true,
      description: '`progress_percent` as a whole percentage, 0-100.',
      resolve: (j) => (j.progress === null ? null : Math.round(j.progress * 100)),
    }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`begin_time` (a string or a number in older editions).',
      resolve: (j) => j.beginTime,
    }),
    endedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`end_time` (a string or a number in older editions).',
      resolve: (j) => j.endTime,
    }),
    beginTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`begin_time` (a string or a number in older editions).',
      deprecationReason: 'use startedAt',
      resolve: (j) => j.beginTime,
    }),
    endTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: '`end_time` (a string or a number in older editions).',
      deprecationReason: 'use endedAt',
      resolve: (j) => j.endTime,
    }),
    reasons: t.field({
      type: [AssetJobReason],
      description: '`reason` (current reference) or `reasons` (older editions), when the job failed.',
      resolve: (j) => j.reasons,
    }),
    archiveId: t.string({
      nullable: true,
      description:
        '`archive_id` (or `entities.archive_id`), once the job succeeded; null once ROMA reports it FINISHED.',
      resolve: (j) => j.archiveId,
    }),
    raw: t.field({
      type: 'JSON',
      description: 'The job body exactly as ROMA sent it.',
      resolve: (j) => j.raw,
    }),
    archive: t.field({
      type: AssetArchive,
      nullable: true,
      description:
        'The archive, once the job succeeded. Asking for it takes ROMA’s one download into the gateway’s vault. On a FINISHED job (older ROMA editions: the package was downloaded and ROMA no longer names it) this is the gateway’s kept copy when this gateway saw the job’s archive id, else ARCHIVE_ALREADY_CONSUMED.',
      resolve: (j, _args, ctx) => {
        if (j.status === 'FINISHED') {
          // Seen by this gateway before: the vault copy if it took it, else ROMA's own refusal.
          if (j.knownArchiveId) return keep(ctx, j.scope, j.knownArchiveId);
          throw new ArchiveAlreadyConsumedError(
            `ROMA reports export job ${j.jobId} as Finished: its asset package was downloaded before and ROMA no longer names it. If you know its archiveId, assetArchive(archiveId:) serves the gateway's kept copy when it has one; otherwise run a new export job.`,
            { vendor: ROMA.vendor },
          );
        }
        return j.status === 'SUCCEEDED' && j.archiveId ? keep(ctx, j.scope, j.archiveId) : null;
      },
    }),
  }),
});

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
      const scope = client.scope(input.projectId, input.instanceId);
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
      const scope = client.scope(args.projectId, args.instanceId);
      const jobId = checkRomaId('jobId', args.jobId);
      try {
        return { ...(await client.job(scope, jobId, ctx.signal)), scope };
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
        client.scope(args.projectId, args.instanceId),
        checkRomaId('archiveId', args.archiveId),
      );
    },
  }),
}));

builder.subscriptionType({
  description: 'Live updates, over GraphQL over SSE (`Accept: text/event-stream`).',
});

builder.subscriptionField('assetJobProgress', (t) =>
  t.field({
    complexity: 50,
    type: AssetJob,
    nullable: true,
    description:
      'Follows a ROMA export job: an event each time its status or progress changes, ending after the job ends (SUCCEEDED: ask for `archive`; FAILED: see `reasons`). Null, then the end, when ROMA does not know the job. ROMA is polled every ROMA_JOB_POLL_MS once per job, however many subscribers follow it (across replicas with REDIS_URL); each event is resolved with the deadline of a query. Needs the roma:read scope.',
    args: {
      jobId: t.arg.string({ required: true, description: '`job_id` from `exportAssets`.' }),
      projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
      instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
    },
    subscribe: (_root, args, ctx) => {
      // The same checks as `assetJob`, before any vendor call.
      if (!ctx.principal.scopes.has('roma:read')) {
        throw new ForbiddenError(
          'Not allowed to read Subscription.assetJobProgress: needs the roma:read scope',
        );
      }
      const client = ctx.gateway.vendors.client(ROMA);
      const scope = client.scope(args.projectId, args.instanceId);
      const jobId = checkRomaId('jobId', args.jobId);
      const follower = jobFollower(ctx.gateway);
      const caller = (ctx as Context & { request?: Request }).request?.signal;
      return new Repeater<JobShape | null>(async (push, stop) => {
        let last = '';
        let endDeadline: (() => void) | undefined;
        const unfollow = follower.follow(scope, jobId, (m) => {
          if ('gone' in m) {
            void push(null);
            stop();
            return;
          }
          if ('error' in m) {
            stop(
              createGraphQLError(m.error.message, {
                extensions: { code: m.error.code, vendor: ROMA.vendor },
              }),
            );
            return;
          }
          const seen = `${m.job.status}|${m.job.progress}|${m.job.archiveId}`;
          if (seen === last) return;
          last = seen;
          // Each event's fields (e.g. `archive`, a vendor call) get a query's deadline of their own…
          endDeadline?.();
          const deadline = requestDeadline(ctx.gateway.settings.requestTimeoutMs, caller);
          // …and a query's budget of vendor bytes (LIMIT_VENDOR_BYTES), found by that signal.
          openRequestBudget(deadline.signal, ctx.gateway.settings.limits.vendorBytes);
          ctx.signal = deadline.signal;
          endDeadline = deadline.end;
          void push({ ...m.job, scope });
          if (FINAL.has(m.job.status)) stop();
        });
        await stop;
        unfollow();
        endDeadline?.();
      });
    },
    resolve: (job) => job,
  }),
);
