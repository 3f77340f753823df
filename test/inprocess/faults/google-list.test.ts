/** The fault switchboard on google's list field: the same codes, attempts and deadlines as its lookups. */
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
