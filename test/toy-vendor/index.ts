/**
 * A sixth, toy vendor: the proof that a vendor is one folder. Everything the gateway needs to know
 * about it is this folder (ref, settings with a scope and a cache TTL, client, loaders, schema,
 * sandbox); `register.ts` is the one line that adds it to the registry.
 */
import { Secret } from '../../src/settings/load.js';
import { defineVendor, vendorSettings } from '../../src/vendors/types.js';
import { ToyClient } from './client.js';
import { TOY, TOY_FILE_KIND } from './ref.js';
import { TOY_SETTINGS } from './settings.js';

export const toy = defineVendor({
  ...TOY,
  label: 'Toy Vendor',
  description: 'A toy vendor (tests only).',
  forwardingHeader: 'x-toy-token',
  defaultBaseUrl: undefined,
  ...vendorSettings(TOY_SETTINGS),
  async sandbox() {
    const { startToySandbox, TOY_SANDBOX } = await import('./sandbox.js');
    const server = await startToySandbox();
    return {
      server,
      settings: { baseUrl: server.url, token: new Secret(TOY_SANDBOX.token) },
      env: { TOY_BASE_URL: server.url, TOY_TOKEN: TOY_SANDBOX.token },
    };
  },
  createClient: (settings, baseUrl, deps) => new ToyClient(settings, baseUrl, deps),
  downloads: (client) => ({
    [TOY_FILE_KIND]: {
      async open(params, { signal }) {
        const id = params.id ?? '';
        const { body, size } = await client.file(id, signal);
        return {
          body,
          contentType: 'text/plain',
          contentLength: size,
          fileName: `${id}.txt`,
          defaultFileName: 'widget.txt',
        };
      },
    },
  }),
  schema: () => import('./schema.js'),
  example: async () => ({
    crossVendor: `  toyWidget(id: "w1") {
    widgetId
    name
    download { url }
  }
`,
  }),
});

// `vendors.client(TOY)` is a ToyClient (the ref imports no client: see VendorClients).
declare module '../../src/graphql/gateway-types.js' {
  interface VendorClients {
    toy: ToyClient;
  }
}
