import { Secret } from '../../settings/load.js';
import { defineVendor, vendorSettings } from '../types.js';
import { TorqClient } from './client.js';
import { TORQ } from './ref.js';
import { TORQ_SETTINGS } from './settings.js';

export const torq = defineVendor({
  ...TORQ,
  label: 'Torq',
  description: 'Torq public API (integrations).',
  forwardingHeader: 'x-torq-token',
  defaultBaseUrl: 'https://api.torq.io/public',
  ...vendorSettings(TORQ_SETTINGS),
  async sandbox() {
    const { startTorqSandbox, TORQ_SANDBOX } = await import('./sandbox.js');
    const server = await startTorqSandbox();
    return {
      server,
      settings: { baseUrl: server.url, token: new Secret(TORQ_SANDBOX.token) },
      env: { TORQ_BASE_URL: server.url, TORQ_TOKEN: TORQ_SANDBOX.token },
    };
  },
  createClient: (settings, baseUrl, deps) => new TorqClient(settings, baseUrl, deps),
  schema: () => import('./schema.js'),
  probe: () => import('./fixtures.js').then((f) => f.sandboxProbe()),
  example: async () => ({
    browse: `  integrations(first: 3, search: "") {
    totalCount
    typeIds { typeId count }
    edges { node { name typeId } }
  }
`,
    crossVendor: `  integrations(first: 3) {
    edges {
      node {
        name
        displayName
        typeId
        webhookUrl
        sharing { direction }
      }
    }
  }
`,
  }),
});

// `vendors.client(TORQ)` is a TorqClient (the ref imports no client: see VendorClients).
declare module '../../graphql/gateway-types.js' {
  interface VendorClients {
    torq: TorqClient;
  }
}
