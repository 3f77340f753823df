/**
 * A sixth, toy vendor: the proof that a vendor is one folder. Everything the gateway needs to know
 * about it is this module; `register.ts` is the one line that adds it to the registry.
 */
import { defineVendor } from '../../src/vendors/types.js';
import { ToyClient, type ToySettings } from './client.js';
import { TOY, TOY_FILE_KIND } from './ref.js';

export const toy = defineVendor<ToyClient, ToySettings>({
  ...TOY,
  label: 'Toy Vendor',
  description: 'A toy vendor (tests only).',
  forwardingHeader: 'x-toy-token',
  httpDefaults: { retries: 0 },
  defaultBaseUrl: undefined,
  // No settings of its own: the toy vendor only ever runs against its emulator.
  settings: () => ({ baseUrl: undefined, token: undefined }),
  isLive: () => false,
  async sandbox() {
    const { startToyEmulator, TOY_TOKEN } = await import('./emulator.js');
    const server = await startToyEmulator();
    return { server, settings: { baseUrl: server.url, token: TOY_TOKEN }, env: {} };
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
    name: 'Toy',
    crossVendor: `  toyWidget(id: "w1") {
    id
    name
    download { url }
  }
`,
  }),
});
