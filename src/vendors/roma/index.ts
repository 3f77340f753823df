import { Secret } from '../../settings.js';
import type { VendorDefinition } from '../types.js';
import { RomaClient } from './client.js';
import { romaDownloads } from './downloads.js';
import { ROMA_SANDBOX, startRomaSandbox } from './sandbox.js';

export const roma: VendorDefinition<'roma', RomaClient> = {
  key: 'roma',
  vendor: 'HUAWEI_ROMA_CONNECT',
  defaultBaseUrl: undefined, // regional: https://roma.{region}.myhuaweicloud.com, always given
  async startSandbox() {
    const server = await startRomaSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        projectId: ROMA_SANDBOX.projectId,
        instanceId: ROMA_SANDBOX.instanceId,
        authToken: new Secret(ROMA_SANDBOX.token),
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new RomaClient(settings, baseUrl, deps),
  downloads: (client) => romaDownloads(client),
};
