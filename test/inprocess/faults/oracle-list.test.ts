/** The fault switchboard on oracle's list field: the same codes, attempts and deadlines as its lookups. */
import { faultSuite } from './suite.js';

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
