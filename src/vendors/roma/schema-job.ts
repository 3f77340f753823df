/** ROMA's `AssetJob`: an asset export job as CheckAssetJobStatus reports it, its archive once it succeeded. */
import { builder } from '../../graphql/builder.js';
import { ArchiveAlreadyConsumedError } from '../../foundations/errors.js';
import type { ExportJob, Scope } from './parse.js';
import { AssetArchive, keep } from './schema-archive.js';
import { ROMA } from './ref.js';

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

export interface JobShape extends ExportJob {
  scope: Scope;
}

export const AssetJob = builder.objectRef<JobShape>('AssetJob').implement({
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
