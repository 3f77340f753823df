import { Secret } from '../../settings/load.js';
import { defineVendor, vendorSettings } from '../types.js';
import { RomaClient } from './client.js';
import { romaDownloads } from './downloads.js';
import { ROMA } from './ref.js';
import { ROMA_SETTINGS } from './settings.js';

export const roma = defineVendor({
  ...ROMA,
  label: 'Huawei ROMA Connect',
  description: 'Huawei ROMA Connect (asset archives).',
  forwardingHeader: 'x-roma-auth-token',
  defaultBaseUrl: undefined, // regional: https://roma.{region}.myhuaweicloud.com, always given
  ...vendorSettings(ROMA_SETTINGS),
  async sandbox() {
    const { ROMA_SANDBOX, startRomaSandbox } = await import('./sandbox.js');
    const server = await startRomaSandbox();
    return {
      server,
      settings: {
        baseUrl: server.url,
        projectId: ROMA_SANDBOX.projectId,
        instanceId: ROMA_SANDBOX.instanceId,
        authToken: new Secret(ROMA_SANDBOX.token),
      },
      env: {
        ROMA_BASE_URL: server.url,
        ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
        ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
        ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
      },
    };
  },
  createClient: (settings, baseUrl, deps) => new RomaClient(settings, baseUrl, deps),
  // Once-only archives still being taken land in the vault first (bounded), then the client closes.
  async dispose(client, s) {
    await client.archives.drain(s.vault.shutdownGraceMs);
    await client.close();
  },
  usesVault: true,
  vaultLockTtlMs: (s) => s.roma.lockTtlMs,
  downloads: (client) => romaDownloads(client),
  schema: () => import('./schema.js').then(() => import('./browse.js')).then(() => import('./vault.js')),
  probe: (tag) => import('./fixtures.js').then((f) => f.sandboxProbe(tag)),
  async example() {
    const { SEED_ARCHIVE, SEED_JOB } = await import('./sandbox.js');
    return {
      subscription: `# Live: follow a ROMA export job over GraphQL over SSE (no polling by the page). Press ▶: an
# event arrives each time the job's progress changes, and the last one carries the archive.
# Follow your own job with the jobId that exportAssets answers.
subscription FollowExport {
  assetJobProgress(jobId: "${SEED_JOB}") {
    jobId
    status
    progress
    archive {
      archiveId
      appIds
      download(expiresIn: 600) { url }
    }
    reasons { errorMsg }
  }
}
`,
      browseNote: "ROMA's files come from an export job: pass a listed app's exportInput to exportAssets.",
      browse: `  romaApps(first: 3) { totalCount edges { node { appId name exportInput { appIds } } } }
  romaTasks(first: 3) { totalCount edges { node { taskId taskName exportInput { taskIds } } } }
`,
      crossVendor: `  assetArchive(archiveId: "${SEED_ARCHIVE}") {
    fileName
    size
    sha256
    appIds
    tasks { taskId }
    download(expiresIn: 600) { url }
  }
`,
    };
  },
});

// `vendors.client(ROMA)` is a RomaClient (the ref imports no client: see VendorClients).
declare module '../../graphql/gateway-types.js' {
  interface VendorClients {
    roma: RomaClient;
  }
}
