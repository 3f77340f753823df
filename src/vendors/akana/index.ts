import { Secret } from '../../settings.js';
import type { VendorDefinition } from '../types.js';
import { AkanaClient } from './client.js';
import { akanaDownloads } from './downloads.js';
import { AKANA_SANDBOX, startAkanaSandbox } from './sandbox.js';

export const akana: VendorDefinition<'akana', AkanaClient> = {
  key: 'akana',
  vendor: 'AKANA_API_PLATFORM',
  defaultBaseUrl: undefined, // a tenant host: always given in settings
  async startSandbox() {
    const server = await startAkanaSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        fedMemberId: AKANA_SANDBOX.fedMemberId,
        authToken: new Secret(AKANA_SANDBOX.session),
        userId: AKANA_SANDBOX.userId,
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new AkanaClient(settings, baseUrl, deps),
  downloads: (client) => akanaDownloads(client),
};
