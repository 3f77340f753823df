import { Secret } from '../../settings/load.js';
import { defineVendor, vendorSettings } from '../types.js';
import { OracleClient } from './client.js';
import { ORACLE } from './ref.js';
import { ORACLE_SETTINGS } from './settings.js';

export const oracle = defineVendor({
  ...ORACLE,
  label: 'Oracle Cloud Marketplace',
  description: 'Oracle Cloud Marketplace publisher API (package versions).',
  forwardingHeader: 'x-oracle-access-token',
  defaultBaseUrl: 'https://ocm-apis-cloud.oracle.com',
  ...vendorSettings(ORACLE_SETTINGS),
  async sandbox() {
    const { ORACLE_SANDBOX, startOracleSandbox } = await import('./sandbox.js');
    const server = await startOracleSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        userId: ORACLE_SANDBOX.userId,
        accessToken: new Secret(ORACLE_SANDBOX.token),
      },
      env: {
        ORACLE_MARKETPLACE_BASE_URL: server.url,
        ORACLE_USER_ID: ORACLE_SANDBOX.userId,
        ORACLE_ACCESS_TOKEN: ORACLE_SANDBOX.token,
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new OracleClient(settings, baseUrl, deps),
  schema: () => import('./schema.js').then(() => import('./browse.js')),
  probe: () => import('./fixtures.js').then((f) => f.sandboxProbe()),
  async example() {
    const { SEED_LISTING, SEED_PACKAGE } = await import('./fixtures.js');
    return {
      browse: `  oracleApplications(first: 2, status: ["PUBLISHED"]) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        listingVersionId
        name
        packages(first: 2) { edges { node { packageVersionId name version } } }
      }
    }
  }
`,
      crossVendor: `  packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") {
    name
    status
    actions {
      tag
      requestProperties { name value masked }
    }
  }
`,
    };
  },
});

// `vendors.client(ORACLE)` is a OracleClient (the ref imports no client: see VendorClients).
declare module '../../graphql/gateway-types.js' {
  interface VendorClients {
    oracle: OracleClient;
  }
}
