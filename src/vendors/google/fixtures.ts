/** Realistic Application Integration versions: triggers, tasks, parameters and config variables. */
import { prng } from '../../sandbox/harness.js';
import type { SandboxProbe } from '../types.js';

export interface GoogleVersionFixture {
  name: string;
  integrationVersion: Record<string, unknown>;
  integrationConfig: Record<string, unknown>;
}

export const GOOGLE_PROJECT = 'acme-prod';
export const GOOGLE_LOCATIONS = ['us-central1', 'europe-west1'];
const LOCATIONS = GOOGLE_LOCATIONS;
const INTEGRATIONS = ['order-sync', 'lead-router', 'invoice-export'];
const STATES = ['ACTIVE', 'DRAFT', 'ARCHIVED', 'SNAPSHOT'] as const;

function versionId(rand: () => number): string {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const block = (n: number) => Array.from({ length: n }, hex).join('');
  return `${block(8)}-${block(4)}-${block(4)}-${block(4)}-${block(12)}`;
}

export function googleFixtures(): GoogleVersionFixture[] {
  const rand = prng(0x600613);
  const out: GoogleVersionFixture[] = [];
  let n = 0;
  for (const location of LOCATIONS) {
    for (const integration of INTEGRATIONS) {
      for (let v = 1; v <= 3; v++) {
        const id = versionId(rand);
        const name = `projects/${GOOGLE_PROJECT}/locations/${location}/integrations/${integration}/versions/${id}`;
        const state = STATES[n++ % STATES.length] as string;
        const created = new Date(Date.parse('2024-03-01T09:00:00Z') + n * 86_400_000);
        const tasks = [
          {
            task: 'FieldMappingTask',
            taskId: '1',
            displayName: 'Map order fields',
            description: 'Maps the incoming order to the ERP shape',
            parameters: { FieldMappingConfigTaskParameterKey: { key: 'FieldMappingConfigTaskParameterKey' } },
            nextTasks: [{ taskId: '2' }],
            taskExecutionStrategy: 'WHEN_ALL_SUCCEED',
          },
          {
            task: 'GenericConnectorTask',
            taskId: '2',
            displayName: `Push to ${integration === 'lead-router' ? 'Salesforce' : 'SAP'}`,
            parameters: {
              connectionName: {
                key: 'connectionName',
                value: { stringValue: `projects/${GOOGLE_PROJECT}/locations/${location}/connections/erp` },
              },
            },
            nextTasks: v > 1 ? [{ taskId: '3' }] : [],
            taskExecutionStrategy: 'WHEN_ALL_SUCCEED',
          },
          ...(v > 1
            ? [
                {
                  task: 'EmailTask',
                  taskId: '3',
                  displayName: 'Notify owner',
                  nextTasks: [],
                  taskExecutionStrategy: 'WHEN_ALL_SUCCEED',
                },
              ]
            : []),
        ];
        out.push({
          name,
          integrationVersion: {
            name,
            description: `${integration} v${v} (${location})`,
            taskConfigs: tasks,
            triggerConfigs: [
              {
                label: 'API Trigger',
                triggerType: 'API',
                triggerNumber: '1',
                triggerId: `api_trigger/${integration}_API_1`,
                startTasks: [{ taskId: '1' }],
                description: 'Called by the storefront',
              },
              ...(v === 3
                ? [
                    {
                      label: 'Nightly',
                      triggerType: 'CRON',
                      triggerNumber: '2',
                      triggerId: 'cron_trigger/nightly',
                      startTasks: [{ taskId: '1' }],
                      cronTab: '0 2 * * *',
                    },
                  ]
                : []),
            ],
            integrationParameters: [
              { key: 'order', dataType: 'JSON_VALUE', displayName: 'order', inputOutputType: 'IN' },
              {
                key: 'erpResponse',
                dataType: 'JSON_VALUE',
                displayName: 'erpResponse',
                inputOutputType: 'OUT',
              },
            ],
            integrationConfigParameters: [
              { parameter: { key: '`CONFIG_erp_url`', dataType: 'STRING_VALUE', displayName: 'ERP URL' } },
            ],
            state,
            status: state,
            snapshotNumber: String(v),
            createTime: created.toISOString(),
            updateTime: new Date(created.getTime() + Math.floor(rand() * 5) * 3_600_000).toISOString(),
            lastModifierEmail: `dev${v}@acme.example`,
            userLabel: v === 3 ? 'release-candidate' : '',
            origin: 'UI',
            databasePersistencePolicy: 'DATABASE_PERSISTENCE_POLICY_UNSPECIFIED',
          },
          integrationConfig: {
            configParameters: [
              {
                parameter: { key: '`CONFIG_erp_url`', dataType: 'STRING_VALUE' },
                value: { stringValue: 'https://erp.acme.example/api' },
              },
              {
                parameter: { key: '`CONFIG_batch_size`', dataType: 'INT_VALUE' },
                value: { intValue: String(50 * v) },
              },
            ],
          },
        });
      }
    }
  }
  // More integrations in the first region, so the list fields have several pages by default.
  const more = prng(0x1157);
  for (let k = 1; k <= 21; k++) {
    const integration = `${['crm', 'hr', 'ledger', 'ticket', 'catalog', 'shipment', 'survey'][k % 7]}-sync-${k}`;
    for (let v = 1; v <= (k % 3) + 1; v++) {
      const template = out[(k + v) % 18] as GoogleVersionFixture;
      const id = versionId(more);
      const name = `projects/${GOOGLE_PROJECT}/locations/${LOCATIONS[0]}/integrations/${integration}/versions/${id}`;
      const state = STATES[(k + v) % STATES.length] as string;
      const created = new Date(Date.parse('2024-06-01T09:00:00Z') + (k * 5 + v) * 3_600_000);
      out.push({
        name,
        integrationVersion: {
          ...template.integrationVersion,
          name,
          description: `${integration} v${v} (${LOCATIONS[0]})`,
          state,
          status: state,
          snapshotNumber: String(v),
          createTime: created.toISOString(),
          updateTime: new Date(created.getTime() + 7_200_000).toISOString(),
          lastModifierEmail: `dev${k % 4}@acme.example`,
          userLabel: v === 1 ? '' : `r${v}`,
        },
        integrationConfig: template.integrationConfig,
      });
    }
  }
  return out;
}

/** The sandbox probe (SandboxProbe): the version exists (versions.get); its package fields fail. */
export function sandboxProbe(): SandboxProbe {
  return {
    route: 'downloadJsonPackage',
    select: `integrationVersion(name: "${googleFixtures()[0]?.name}") { integrationConfig }`,
    field: ['integrationVersion', 'integrationConfig'],
    kind: 'json',
    firstRoute: 'getVersion',
    misshapen: {
      body: {
        files: [
          { type: 'INTEGRATION', integrationVersion: {} },
          { type: 7, integrationConfig: {} },
        ],
      },
      field: 'files[1].type',
    },
  };
}
