import { Secret } from '../../settings.js';
import type { VendorDefinition } from '../types.js';
import { TorqClient } from './client.js';
import { startTorqSandbox, TORQ_SANDBOX } from './sandbox.js';

export const torq: VendorDefinition<'torq', TorqClient> = {
  key: 'torq',
  vendor: 'TORQ',
  defaultBaseUrl: 'https://api.torq.io/public',
  async startSandbox() {
    const server = await startTorqSandbox();
    return { server, settings: { baseUrl: server.url, token: new Secret(TORQ_SANDBOX.token) } };
  },
  createClient: (settings, baseUrl, deps) => new TorqClient(settings, baseUrl, deps),
};
