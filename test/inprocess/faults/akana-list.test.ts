/** The fault switchboard on akana's list field: the same codes, attempts and deadlines as its lookups. */
import { faultSuite } from './suite.js';

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
