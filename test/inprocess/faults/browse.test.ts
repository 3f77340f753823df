/** The fault switchboard on the list fields (issue 13): same codes, attempts and deadlines as the lookups. */
import { faultSuite } from './suite.js';

await faultSuite(
  'google',
  {
    route: 'listVersions',
    select: 'integrationVersions(first: 2) { edges { node { name state } } }',
    field: ['integrationVersions'],
    kind: 'json',
    misshapen: {
      body: { integrationVersions: [{ name: 'projects/p/locations/l/integrations/i/versions/1', state: 5 }] },
      field: 'integrationVersions[0].state',
    },
  },
  'google list (versions.list)',
);
await faultSuite(
  'oracle',
  {
    route: 'listApplications',
    select: 'oracleApplications(first: 2) { edges { node { name } } }',
    field: ['oracleApplications'],
    kind: 'json',
    misshapen: { body: { items: [{ id: 1, name: { text: 'secret-ish' } }] }, field: 'items[0].name' },
  },
  'oracle list (applications)',
);
await faultSuite(
  'akana',
  {
    route: 'listUserApps',
    select: 'akanaApps(first: 2) { edges { node { name } } }',
    field: ['akanaApps'],
    kind: 'json',
    misshapen: {
      body: { channel: { item: [{ guid: 'a.b', title: 'A' }, { guid: ['secret-ish'] }] } },
      field: 'channel.item[1].guid',
    },
  },
  'akana list (users/{id}/apps)',
);
await faultSuite(
  'roma',
  {
    route: 'listApps',
    select: 'romaApps(first: 2) { totalCount }',
    field: ['romaApps'],
    kind: 'json',
    misshapen: {
      body: { total: 1, apps: [{ id: 'a', name: 'A', app_secret: 'secret-ish', create_time: {} }] },
      field: 'apps[0].create_time',
    },
  },
  'roma list (apps)',
);
