/** The fault switchboard on roma's list field: the same codes, attempts and deadlines as its lookups. */
import { faultSuite } from './suite.js';

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
