/**
 * The fault switchboard on every vendor: its lookup (the probe its folder declares), and its list
 * field where it has one apart from the lookup, with the same codes, attempts and deadlines.
 */
import { vendorModules } from '../../../src/vendors/index.js';
import { faultSuite, type Probe } from './suite.js';

const LISTS: Record<string, { probe: Probe; label: string }> = {
  akana: {
    label: 'akana list (users/{id}/apps)',
    probe: {
      route: 'listUserApps',
      select: 'akanaApps(first: 2) { edges { node { name } } }',
      field: ['akanaApps'],
      kind: 'json',
      misshapen: {
        body: { channel: { item: [{ guid: 'a.b', title: 'A' }, { guid: ['secret-ish'] }] } },
        field: 'channel.item[1].guid',
      },
    },
  },
  google: {
    label: 'google list (versions.list)',
    probe: {
      route: 'listVersions',
      select: 'integrationVersions(first: 2) { edges { node { name state } } }',
      field: ['integrationVersions'],
      kind: 'json',
      misshapen: {
        body: {
          integrationVersions: [{ name: 'projects/p/locations/l/integrations/i/versions/1', state: 5 }],
        },
        field: 'integrationVersions[0].state',
      },
    },
  },
  oracle: {
    label: 'oracle list (applications)',
    probe: {
      route: 'listApplications',
      select: 'oracleApplications(first: 2) { edges { node { name } } }',
      field: ['oracleApplications'],
      kind: 'json',
      misshapen: { body: { items: [{ id: 1, name: { text: 'secret-ish' } }] }, field: 'items[0].name' },
    },
  },
  roma: {
    label: 'roma list (apps)',
    probe: {
      route: 'listApps',
      select: 'romaApps(first: 2) { totalCount }',
      field: ['romaApps'],
      kind: 'json',
      misshapen: {
        body: { total: 1, apps: [{ id: 'a', name: 'A', app_secret: 'secret-ish', create_time: {} }] },
        field: 'apps[0].create_time',
      },
    },
  },
};

for (const { key: vendor } of vendorModules()) {
  await faultSuite(vendor);
  const list = LISTS[vendor];
  if (list) await faultSuite(vendor, list.probe, list.label);
}
