import { Secret } from '../../settings/load.js';
import { defineVendor, vendorSettings } from '../types.js';
import { AkanaClient } from './client.js';
import { akanaDownloads } from './downloads.js';
import { AKANA } from './ref.js';
import { AKANA_SETTINGS } from './settings.js';

export const akana = defineVendor({
  ...AKANA,
  label: 'Akana API Platform',
  description: 'Akana API Platform (app-version exports).',
  forwardingHeader: 'x-akana-auth-token',
  defaultBaseUrl: undefined, // a tenant host: always given in settings
  ...vendorSettings(AKANA_SETTINGS),
  async sandbox() {
    const { AKANA_SANDBOX, startAkanaSandbox } = await import('./sandbox.js');
    const server = await startAkanaSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        fedMemberId: AKANA_SANDBOX.fedMemberId,
        authToken: new Secret(AKANA_SANDBOX.session),
        userId: AKANA_SANDBOX.userId,
      },
      env: {
        AKANA_BASE_URL: server.url,
        AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
        AKANA_AUTH_TOKEN: AKANA_SANDBOX.session,
        AKANA_USER_ID: AKANA_SANDBOX.userId,
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new AkanaClient(settings, baseUrl, deps),
  downloads: (client) => akanaDownloads(client),
  schema: () => import('./schema.js').then(() => import('./browse.js')),
  probe: () => import('./fixtures.js').then((f) => f.sandboxProbe()),
  async example() {
    const { SEED_APP_VERSION } = await import('./fixtures.js');
    return {
      browse: `  akanaApps(first: 2) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        appId
        name
        versions(first: 2) { edges { node { appVersionId name export { download { url } } } } }
      }
    }
  }
`,
      crossVendor: `  appVersionExport(
    appVersionId: "${SEED_APP_VERSION}"
    options: { includeApiConnections: true }
  ) {
    fileName
    entries { path size }
    download(expiresIn: 300) { url expiresAt }
  }
`,
    };
  },
});

// `vendors.client(AKANA)` is a AkanaClient (the ref imports no client: see VendorClients).
declare module '../../graphql/gateway-types.js' {
  interface VendorClients {
    akana: AkanaClient;
  }
}
