/** Deterministic Torq integrations: a few hundred over several types, every documented field. */
import { fakeUuid, prng } from '../../sandbox/harness.js';
import type { TorqIntegrationJson } from './parse.js';
import type { SandboxProbe } from '../types.js';

const TYPES = ['webhook', 'slack', 'jira', 'aws', 'okta', 'crowdstrike', 'pagerduty', 'email'] as const;
const NAMES = [
  'Alerts',
  'SOC Triage',
  'Phishing Inbox',
  'Cloud Audit',
  'Identity Sync',
  'On-call',
  'EDR Events',
];
const DIRECTIONS = ['not_shared', 'incoming', 'outgoing'] as const;

export const TORQ_INTEGRATION_COUNT = 320;

export function torqFixtures(count = TORQ_INTEGRATION_COUNT): TorqIntegrationJson[] {
  const rand = prng(0x7042);
  const base = Date.parse('2022-03-09T08:40:18Z');
  const out: TorqIntegrationJson[] = [];
  for (let i = 0; i < count; i++) {
    const typeId = TYPES[i % TYPES.length] as string;
    const id = fakeUuid(rand);
    const displayName = `${NAMES[i % NAMES.length]} ${typeId} #${i + 1}`;
    const direction = DIRECTIONS[i % DIRECTIONS.length] as string;
    const createdAt = new Date(base + Math.floor(rand() * 400) * 86_400_000);
    const item: TorqIntegrationJson = {
      id,
      name: displayName.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      display_name: displayName,
      type_id: typeId,
      created_at: createdAt.toISOString().replace('.000', ''),
      created_by: i % 5 === 0 ? 'automation@torq.io' : `user${i % 17}@example.com`,
      sharing_data: {
        direction,
        workspace_ids:
          direction === 'incoming'
            ? [`ws-${(i * 7) % 97}`]
            : direction === 'outgoing'
              ? [`ws-${(i * 3) % 89}`, `ws-${(i * 5) % 83}`]
              : [],
      },
    };
    if (i % 4 !== 3) {
      item.last_used_at = new Date(createdAt.getTime() + Math.floor(rand() * 90) * 86_400_000)
        .toISOString()
        .replace('.000', '');
    }
    if (typeId === 'webhook' || i % 3 === 0) {
      item.details = { trigger: { webhook_url: `https://hooks.torq.io/v1/webhooks/${id}` } };
    }
    out.push(item);
  }
  return out;
}

/** The sandbox probe (SandboxProbe): Torq's one list call. */
export function sandboxProbe(): SandboxProbe {
  return {
    route: 'listIntegrations',
    select: 'integrations(first: 1) { edges { node { name } } }',
    field: ['integrations'],
    kind: 'json',
    misshapen: {
      body: { integrations: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 42, name: 'secret-ish' }] },
      field: 'integrations[3].id',
    },
  };
}
