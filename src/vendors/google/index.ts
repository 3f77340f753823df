import { Secret } from '../../settings/load.js';
import { defineVendor, vendorSettings } from '../types.js';
import { GoogleClient } from './client.js';
import { googleDownloads } from './downloads.js';
import { GOOGLE } from './ref.js';
import { GOOGLE_SETTINGS } from './settings.js';

export const google = defineVendor({
  ...GOOGLE,
  label: 'Google Application Integration',
  description: 'Google Cloud Application Integration (integration versions).',
  forwardingHeader: 'x-google-access-token',
  defaultBaseUrl: 'https://integrations.googleapis.com',
  ...vendorSettings(GOOGLE_SETTINGS),
  async sandbox() {
    const [{ GOOGLE_SANDBOX, startGoogleSandbox }, { GOOGLE_LOCATIONS, GOOGLE_PROJECT }] = await Promise.all([
      import('./sandbox.js'),
      import('./fixtures.js'),
    ]);
    const server = await startGoogleSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        accessToken: new Secret(GOOGLE_SANDBOX.token),
        projectId: GOOGLE_PROJECT,
        location: GOOGLE_LOCATIONS[0],
      },
      env: {
        GOOGLE_INTEGRATIONS_BASE_URL: server.url,
        GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.token,
        GOOGLE_PROJECT_ID: GOOGLE_PROJECT,
        GOOGLE_LOCATION: GOOGLE_LOCATIONS[0] ?? '',
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new GoogleClient(settings, baseUrl, deps),
  downloads: (client) => googleDownloads(client),
  schema: () => import('./schema.js').then(() => import('./browse.js')),
  probe: () => import('./fixtures.js').then((f) => f.sandboxProbe()),
  async example() {
    const { googleFixtures } = await import('./fixtures.js');
    const googleName = googleFixtures()[0]?.name ?? '';
    return {
      browse: `  googleIntegrations(first: 2) {
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        integration
        active
        versions(first: 2) { edges { node { version state updatedAt download { url } } } }
      }
    }
  }
`,
      crossVendor: `  integrationVersion(
    name: "${googleName}"
  ) {
    integration
    version
    state
    description
    triggers { label triggerType }
    download { url }
  }
`,
    };
  },
});

// `vendors.client(GOOGLE)` is a GoogleClient (the ref imports no client: see VendorClients).
declare module '../../graphql/gateway-types.js' {
  interface VendorClients {
    google: GoogleClient;
  }
}
