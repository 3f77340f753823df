/**
 * ROMA Connect apps (ListAppsV2 `AppInfoWithBindNum`) and FDI tasks (ListTasks `BriefTaskRespBean`)
 * for the emulator: enough of each for several pages at the default page size.
 */
import type { SandboxProbe } from '../types.js';
export interface RomaAppFixture extends Record<string, unknown> {
  id: string;
  name: string;
}
export interface RomaTaskFixture extends Record<string, unknown> {
  task_id: string;
  task_name: string;
  status: number;
}

const APP_NAMES = ['order-hub', 'crm-sync', 'billing', 'inventory', 'hr-connector', 'logistics', 'payments'];
/** ListTasks documents `task_type` as realtime (real-time) or timing (scheduled). */
const TASK_TYPES = ['realtime', 'timing'] as const;
const EXEC = ['UNSTARTED', 'RUNNING', 'SUCCESS', 'ERROR', 'CANCELLED'] as const;

/** The sandbox's app secrets: what the gateway must never show, log, cache or keep. */
export const romaAppSecret = (i: number) => `roma-sandbox-app-secret-${i.toString(16).padStart(6, '0')}`;

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * `AppInfoWithBindNum` (ListAppsV2, support.huaweicloud.com/intl/en-us/api-roma/ListAppsV2.html):
 * `id, name, remark, creator (USER|MARKET), update_time, app_key, app_secret, register_time,
 * status (1 valid), app_type (apig|roma), roma_app_type (subscription|integration), bind_num`.
 */
export function romaAppFixtures(): RomaAppFixture[] {
  return Array.from({ length: 27 }, (_, i) => {
    const t = Date.UTC(2024, 0, 1 + i, 8, 30);
    const base = APP_NAMES[i % APP_NAMES.length] as string;
    return {
      id: `app-${(0x1a2b3c + i * 7919).toString(16)}${String(i).padStart(4, '0')}`,
      name: `${base}-${Math.floor(i / APP_NAMES.length) + 1}`,
      remark: `${base} integration app #${i + 1}`,
      creator: 'USER',
      update_time: iso(t + 86_400_000 * 3),
      app_key: `key-${i.toString(16).padStart(8, '0')}`,
      app_secret: romaAppSecret(i),
      register_time: iso(t),
      status: 1,
      app_type: i % 9 === 8 ? 'apig' : 'roma',
      roma_app_type: i % 4 === 3 ? 'subscription' : 'integration',
      bind_num: i % 5,
    };
  });
}

export function romaTaskFixtures(): RomaTaskFixture[] {
  return Array.from({ length: 23 }, (_, i) => {
    const t = Date.UTC(2024, 1, 1 + i, 2, 0);
    return {
      task_id: `task-${(0xbeef + i * 104729).toString(16)}${String(i).padStart(3, '0')}`,
      task_name: `${['sync', 'etl', 'mirror'][i % 3]}-${APP_NAMES[i % APP_NAMES.length]}-${i + 1}`,
      task_type: TASK_TYPES[i % TASK_TYPES.length] as string,
      status: i % 4 === 0 ? 0 : 1,
      execute_status: EXEC[i % EXEC.length] as string,
      version: '1',
      created_date: new Date(t).toISOString(),
      last_modified_time: t + 3_600_000,
      source_app_id: `app-${(0x1a2b3c + (i % 27) * 7919).toString(16)}${String(i % 27).padStart(4, '0')}`,
      target_app_id: `app-${(0x1a2b3c + ((i + 1) % 27) * 7919).toString(16)}${String((i + 1) % 27).padStart(4, '0')}`,
      task_tag: i % 2 ? 'nightly' : 'realtime',
    };
  });
}

/** The sandbox probe (SandboxProbe): the status of the export job `tag`, which `prepare` starts. */
export function sandboxProbe(tag: string): SandboxProbe {
  return {
    route: 'job',
    select: `assetJob(jobId: "${tag}") { status }`,
    field: ['assetJob'],
    kind: 'json',
    misshapen: {
      body: { id: tag, status: 'Running', reasons: [{ error_code: 500, error_msg: 'secret-ish' }] },
      field: 'reasons[0].error_code',
    },
    prepare(server) {
      const { jobs } = server as unknown as {
        jobs: Map<string, { id: string; started: number; appIds: string[]; taskIds: string[] }>;
      };
      jobs.set(tag, { id: tag, started: 0, appIds: ['a'], taskIds: [] });
    },
  };
}
