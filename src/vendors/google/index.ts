import { Secret } from '../../settings.js';
import type { VendorDefinition } from '../types.js';
import { GoogleClient } from './client.js';
import { googleDownloads } from './downloads.js';
import { GOOGLE_LOCATIONS, GOOGLE_PROJECT } from './fixtures.js';
import { GOOGLE_SANDBOX, startGoogleSandbox } from './sandbox.js';

export const google: VendorDefinition<'google', GoogleClient> = {
  key: 'google',
  vendor: 'GOOGLE_APPLICATION_INTEGRATION',
  defaultBaseUrl: 'https://integrations.googleapis.com',
  async startSandbox() {
    const server = await startGoogleSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        accessToken: new Secret(GOOGLE_SANDBOX.token),
        projectId: GOOGLE_PROJECT,
        location: GOOGLE_LOCATIONS[0],
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new GoogleClient(settings, baseUrl, deps),
  downloads: (client) => googleDownloads(client),
};
