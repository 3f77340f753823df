/**
 * One cheap query per vendor and the emulator route it reaches: the fault and echo suites set a
 * fault on `route` and send `query`, for every vendor alike.
 */
import { SEED_APP_VERSION } from '../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../src/vendors/google/fixtures.js';

export type ProbeVendor = 'torq' | 'google' | 'oracle' | 'akana' | 'roma';
export interface Probe {
  route: string;
  query: string;
}

/** `jobId` names the ROMA job the probe asks about (each suite its own, so runs do not meet). */
export function vendorProbes(jobId: string): Record<ProbeVendor, Probe> {
  return {
    torq: { route: 'listIntegrations', query: '{ integrations(first: 1) { edges { node { name } } } }' },
    // Typed fields come from versions.get (the existence check, h12): no package download.
    google: {
      route: 'getVersion',
      query: `{ integrationVersion(name: "${googleFixtures()[0]?.name}") { state } }`,
    },
    oracle: {
      route: 'packageVersion',
      query: '{ packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name } }',
    },
    akana: {
      route: 'exportPackage',
      query: `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } } }`,
    },
    roma: { route: 'job', query: `{ assetJob(jobId: "${jobId}") { status } }` },
  };
}
