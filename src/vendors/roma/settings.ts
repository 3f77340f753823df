/** ROMA's settings (a leaf: spec.ts reads it; no client code here). */
import { duration, int, oneOf, placed, secret, text, url } from '../../settings/kinds.js';
import { type SectionOf, vendorSettings } from '../../settings/vendor.js';

export const ROMA_SETTINGS = vendorSettings({
  key: 'roma',
  prefix: 'ROMA',
  ownPrefixes: ['ROMA_', 'HUAWEI_IAM_'],
  entries: {
    ROMA_BASE_URL: placed('roma.baseUrl', url({ doc: '`https://roma.{region}.myhuaweicloud.com`' })),
    ROMA_PROJECT_ID: placed('roma.projectId', text({ doc: 'Huawei Cloud project id' })),
    ROMA_INSTANCE_ID: placed('roma.instanceId', text({ doc: 'ROMA Connect instance id' })),
    ROMA_AUTH_TOKEN: placed(
      'roma.authToken',
      secret({ doc: 'IAM token (or the four `HUAWEI_IAM_*` settings)' }),
    ),
    HUAWEI_IAM_URL: placed('roma.iamUrl', url({ doc: 'IAM endpoint, set together with the three below' })),
    HUAWEI_IAM_USER: placed('roma.iamUser', text({ doc: 'IAM user' })),
    HUAWEI_IAM_PASSWORD: placed('roma.iamPassword', secret({ doc: 'IAM password' })),
    HUAWEI_IAM_DOMAIN: placed('roma.iamDomain', text({ doc: 'IAM account (domain) name' })),
    ROMA_JOB_POLL_MS: placed(
      'roma.jobPollMs',
      int({
        min: 100,
        max: 60_000,
        fallback: 2000,
        doc: 'how often a followed export job is polled (assetJobProgress)',
      }),
    ),
    ROMA_EXPORT_EDITION: placed(
      'roma.exportEdition',
      oneOf(['current', 'intl-2022', 'ae-ad-1'] as const, {
        fallback: 'current',
        doc: 'ExportAsset body: `apps:[{id}]` (current), `apps` as names (intl-2022) or `[{app_id}]` (ae-ad-1)',
      }),
    ),
    ROMA_TASKS_EDITION: placed(
      'roma.tasksEdition',
      oneOf(['current', 'legacy', 'sdk'] as const, {
        fallback: 'current',
        doc: 'ListTasks query: `task_name`, offset from 1 (current); `taks_name` (legacy); `name` (sdk)',
      }),
    ),
  },
  groups: {
    shared: {
      ROMA_LOCK_TTL: placed(
        'roma.lockTtlMs',
        duration({
          fallback: 30_000,
          doc: 'expiry of the Redis lock of a once-only ROMA download (renewed every third of it while the download runs): how soon another replica takes over from one that died',
        }),
      ),
    },
  },
  scopes: [{ name: 'roma:read' }, { name: 'roma:export' }],
  credential: [
    'ROMA_BASE_URL',
    'ROMA_PROJECT_ID',
    'ROMA_INSTANCE_ID',
    'ROMA_AUTH_TOKEN',
    'HUAWEI_IAM_URL',
    'HUAWEI_IAM_USER',
    'HUAWEI_IAM_PASSWORD',
    'HUAWEI_IAM_DOMAIN',
  ],
  live: ['ROMA_BASE_URL', 'ROMA_AUTH_TOKEN', 'HUAWEI_IAM_URL', 'HUAWEI_IAM_USER', 'HUAWEI_IAM_PASSWORD'],
  together: [['HUAWEI_IAM_URL', 'HUAWEI_IAM_USER', 'HUAWEI_IAM_PASSWORD', 'HUAWEI_IAM_DOMAIN']],
  whenLive: (s) =>
    s.baseUrl
      ? []
      : ['ROMA_BASE_URL must be set (https://roma.{region}.myhuaweicloud.com) when ROMA is configured'],
});

/** Roma's section of the settings (`settings.roma`). */
export type RomaSettings = SectionOf<typeof ROMA_SETTINGS>;
