/**
 * What names ROMA's things and what ROMA sends, read at the edge: the id checks (arguments and node
 * keys, checked before any URL is built) and the parsers of the documented bodies (CheckAssetJobStatus
 * in every edition, ListAppsV2, FDI ListTasks, ExportAsset's answer).
 */
import * as z from 'zod';
import { BadUserInputError } from '../../foundations/errors.js';
import {
  bodyParser,
  date,
  invalid,
  type Json,
  list,
  nonEmpty,
  num,
  parseWith,
  scalar,
  withRaw,
} from '../parse.js';
import type { Scope } from './archive-source.js';
import { ROMA as ROMA_REF } from './ref.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** ROMA ids (projects, instances, jobs, archives, apps, tasks): 1–64 letters, digits, `-` and `_`. */
export function isRomaId(value: string): boolean {
  return ID.test(value);
}

/** A ROMA id argument, or BAD_USER_INPUT naming it. */
export function checkRomaId(name: string, value: string | null | undefined): string {
  if (value == null || !isRomaId(value)) {
    throw new BadUserInputError(`${name} must be 1-64 letters, digits, "-" or "_"`);
  }
  return value;
}

export type { Scope } from './archive-source.js';

/** A fully named archive (signed download parameters, node ids): every part required and checked. */
export function parseArchiveRef(p: { projectId?: string; instanceId?: string; archiveId?: string }): {
  scope: Scope;
  archiveId: string;
} {
  return {
    scope: {
      projectId: checkRomaId('projectId', p.projectId),
      instanceId: checkRomaId('instanceId', p.instanceId),
    },
    archiveId: checkRomaId('archiveId', p.archiveId),
  };
}

/**
 * Job states. ROMA's current reference (CheckAssetJobStatus, support.huaweicloud.com/api-roma/
 * CheckAssetJobStatus.html, 2025) says `RUNNING|SUCCEEDED|FAILED`; older editions
 * (support.huaweicloud.com/intl/en-us/ae-ad-1-api-roma/CheckAssetJobStatus.html, 2022) say
 * `Running|Success|Failed|Finished`, where `Finished` = the package was downloaded and
 * `archive_id` is no longer returned. Both are read.
 */
export type JobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'FINISHED' | 'UNKNOWN';

const STATUS: Record<string, JobStatus> = {
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  SUCCESS: 'SUCCEEDED',
  FAILED: 'FAILED',
  FINISHED: 'FINISHED',
};

export interface JobReason {
  resourceType: string | null;
  resourceName: string | null;
  errorCode: string | null;
  errorMsg: string | null;
}

export interface ExportJob {
  jobId: string;
  /** `type` (`exportAsset`, `importAsset`). */
  type: string | null;
  status: JobStatus;
  /** The status string exactly as ROMA sent it. */
  rawStatus: string | null;
  /** `progress_percent`, a fraction 0–1 as documented (0.35 = 35 %). */
  progress: number | null;
  reasons: JobReason[];
  archiveId: string | null;
  beginTime: Date | null;
  endTime: Date | null;
  /** The whole job body as ROMA sent it. */
  raw: Record<string, unknown>;
  /** For a FINISHED job: the archive id this gateway saw earlier for it, if any. */
  knownArchiveId?: string | null;
}

/** Who sent a body, as the parsers name it: the vendor's ref. */
const ROMA = { vendor: ROMA_REF.vendor, label: ROMA_REF.name };

/** `progress_percent` is documented 0–1 (a number, or its text); above 1 it is read as 0–100 %. */
const progress = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    const n = typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : (v ?? NaN);
    if (!Number.isFinite(n) || n < 0) return null;
    return n > 1 ? Math.min(1, n / 100) : n;
  });

const Reason = z.object({
  resource_type: nonEmpty,
  resource_name: nonEmpty,
  error_code: nonEmpty,
  error_msg: nonEmpty,
});

/** CheckAssetJobStatus in every documented edition (`reasons` now, `reason` before). */
const JobBody = z.object({
  id: nonEmpty,
  type: nonEmpty,
  status: nonEmpty,
  progress_percent: progress,
  reasons: list(Reason).optional(),
  reason: list(Reason).optional(),
  archive_id: nonEmpty,
  entities: z.object({ archive_id: nonEmpty }).nullish(),
  begin_time: date,
  end_time: date,
});

/** Reads a CheckAssetJobStatus body in every documented edition. */
export function parseJob(jobId: string, data: unknown): ExportJob {
  const d = parseWith(JobBody, data, { ...ROMA, what: 'a job status' });
  const status = (d.status && STATUS[d.status.toUpperCase()]) || 'UNKNOWN';
  const reasons = d.reasons?.length ? d.reasons : (d.reason ?? []);
  return {
    jobId: d.id ?? jobId,
    type: d.type,
    status,
    rawStatus: d.status,
    progress: d.progress_percent,
    reasons: reasons.map((r) => ({
      resourceType: r.resource_type,
      resourceName: r.resource_name,
      errorCode: r.error_code,
      errorMsg: r.error_msg,
    })),
    // Top-level `archive_id` (CheckAssetJobStatus); the download page calls it `entities.archive_id`.
    archiveId: status === 'FINISHED' ? null : (d.archive_id ?? d.entities?.archive_id ?? null),
    beginTime: d.begin_time,
    endTime: d.end_time,
    raw: data as Json,
  };
}

/**
 * An app of ListAppsV2: `AppInfoWithBindNum` (support.huaweicloud.com/intl/en-us/api-roma/
 * ListAppsV2.html): `id, name, remark, creator, update_time, app_key, app_secret, register_time,
 * status, app_type (apig|roma), roma_app_type, bind_num`. `app_secret` is dropped at the parse:
 * never shown, logged, cached or kept.
 */
export interface RomaApp {
  appId: string;
  name: string | null;
  remark: string | null;
  /** Not in AppInfoWithBindNum: read only if an edition sends it. */
  owner: string | null;
  creator: string | null;
  /** `create_time` where an edition sends it, else `register_time` (the app's creation). */
  createTime: Date | null;
  updateTime: Date | null;
  registeredAt: Date | null;
  /** `status` as sent (1 = valid). */
  status: number | null;
  /** `app_type` as sent (apig, roma). */
  appType: string | null;
  /** `roma_app_type` as sent (subscription, integration). */
  romaAppType: string | null;
  bindNum: number | null;
  /** The item as ROMA sent it, `app_secret` left out. */
  raw: Json;
}

/** A task of FDI ListTasks (`BriefTaskRespBean`). */
export interface RomaTask {
  taskId: string;
  taskName: string | null;
  taskType: string | null;
  status: number | null;
  executeStatus: string | null;
  createdDate: Date | null;
  lastModifiedTime: Date | null;
  raw: Json;
}

/** One page of a ROMA list: `{total, size, <items>: [...]}`. */
export interface RomaList<T> {
  total: number | null;
  items: T[];
}

const total = num.catch(null);

/** A number ROMA may send as its text ("1"); anything else reads as null, never failing the list. */
const count = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    const n = typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : (v ?? NaN);
    return Number.isFinite(n) ? n : null;
  });

export const parseApps = bodyParser(
  z.object({
    total,
    apps: z.array(
      z
        .object({
          id: scalar,
          name: nonEmpty,
          remark: nonEmpty,
          owner: nonEmpty,
          creator: nonEmpty,
          create_time: date,
          update_time: date,
          register_time: date,
          status: count,
          app_type: nonEmpty,
          roma_app_type: nonEmpty,
          bind_num: count,
        })
        .transform((a) => ({
          appId: a.id ?? '',
          name: a.name,
          remark: a.remark,
          owner: a.owner,
          creator: a.creator,
          createTime: a.create_time ?? a.register_time,
          updateTime: a.update_time,
          registeredAt: a.register_time,
          status: a.status,
          appType: a.app_type,
          romaAppType: a.roma_app_type,
          bindNum: a.bind_num,
        })),
    ),
  }),
  { ...ROMA, what: 'an app list' },
  (typed, raw): RomaList<RomaApp> => ({
    total: typed.total,
    // `app_secret` is left out of `raw` here, once: never shown, never copied further.
    items: withRaw(typed.apps, raw, 'apps').map(({ raw: { app_secret, ...rest }, ...a }) => {
      void app_secret;
      return { ...a, raw: rest };
    }),
  }),
);

export const parseTasks = bodyParser(
  z.object({
    total,
    entities: z.array(
      z
        .object({
          task_id: scalar,
          task_name: nonEmpty,
          task_type: nonEmpty,
          status: num,
          execute_status: nonEmpty,
          created_date: date,
          last_modified_time: date,
        })
        .transform((t) => ({
          taskId: t.task_id ?? '',
          taskName: t.task_name,
          taskType: t.task_type,
          status: t.status,
          executeStatus: t.execute_status,
          createdDate: t.created_date,
          lastModifiedTime: t.last_modified_time,
        })),
    ),
  }),
  { ...ROMA, what: 'a task list' },
  (typed, raw): RomaList<RomaTask> => ({
    total: typed.total,
    items: withRaw(typed.entities, raw, 'entities'),
  }),
);

/** ExportAsset's answer: `{job_id}`. */
export const parseExport = (data: unknown) => {
  const jobId = parseWith(z.object({ job_id: nonEmpty }), data, { ...ROMA, what: 'an export answer' }).job_id;
  return (
    jobId ??
    invalid(ROMA, 'ROMA sent an export answer with job_id: expected string', {
      field: 'job_id',
      problem: 'expected string',
    })
  );
};
