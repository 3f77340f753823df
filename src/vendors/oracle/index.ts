import { Secret } from '../../settings.js';
import type { VendorDefinition } from '../types.js';
import { OracleClient } from './client.js';
import { ORACLE_SANDBOX, startOracleSandbox } from './sandbox.js';

export const oracle: VendorDefinition<'oracle', OracleClient> = {
  key: 'oracle',
  vendor: 'ORACLE_CLOUD_MARKETPLACE',
  defaultBaseUrl: 'https://ocm-apis-cloud.oracle.com',
  async startSandbox() {
    const server = await startOracleSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        userId: ORACLE_SANDBOX.userId,
        accessToken: new Secret(ORACLE_SANDBOX.token),
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new OracleClient(settings, baseUrl, deps),
};
