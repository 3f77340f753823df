/** The example operations in schema/operations/ run against the sandbox, so they never rot. */
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { type RomaSandbox, SEED_JOB } from '../../src/vendors/roma/sandbox.js';
import { readSse } from '../fixtures/sse.js';
import { startGateway, type TestGateway } from '../helpers.js';

const dir = new URL('../../schema/operations/', import.meta.url);
const operations = readdirSync(dir)
  .filter((f) => f.endsWith('.graphql'))
  .flatMap((f) =>
    parse(readFileSync(new URL(f, dir), 'utf8')).definitions.map((d) => ({
      file: f,
      name: d.kind === Kind.OPERATION_DEFINITION ? (d.name?.value ?? '') : '',
      document: print(d),
    })),
  );

describe('schema/operations examples', () => {
  let gw: TestGateway;
  const vars: Record<string, Record<string, unknown>> = {};
  beforeAll(async () => {
    gw = await startGateway();
    (gw.sandboxes.roma?.server as RomaSandbox).jobMs = 0;
    vars.CrossVendor = { integrationVersion: googleFixtures()[0]?.name, appVersionId: SEED_APP_VERSION };
    vars.TorqIntegrationsPage = { first: 5 };
    vars.ExportAssets = { input: { appIds: ['app-1'], taskIds: ['task-1'] } };
  });
  afterAll(() => gw.close());

  it('has examples', () => {
    expect(operations.map((o) => o.name).sort()).toEqual([
      'AssetJob',
      'Browse',
      'Catalog',
      'CrossVendor',
      'ExportAssets',
      'FollowExport',
      'TorqIntegrationsPage',
    ]);
  });

  for (const op of ['CrossVendor', 'Browse', 'Catalog', 'TorqIntegrationsPage', 'ExportAssets', 'AssetJob']) {
    it(`runs ${op} without errors`, async () => {
      const document = operations.find((o) => o.name === op)?.document ?? '';
      const res = await gw.query<Record<string, { jobId?: string } | null>, Record<string, unknown>>(
        document,
        vars[op],
      );
      expect(res.errors).toBeUndefined();
      expect(Object.values(res.data ?? {}).every((v) => v !== null)).toBe(true);
      if (op === 'ExportAssets') vars.AssetJob = { jobId: res.data?.exportAssets?.jobId };
    });
  }

  it('runs FollowExport over SSE to the archive', async () => {
    const document = operations.find((o) => o.name === 'FollowExport')?.document ?? '';
    type Job = { assetJobProgress: { status: string; archive: { archiveId: string } | null } | null };
    const { events, completed } = await readSse<Job>(gw.url, document, { jobId: SEED_JOB });
    expect(completed).toBe(true);
    expect(events.flatMap((e) => e.errors ?? [])).toEqual([]);
    expect(events.at(-1)?.data?.assetJobProgress?.archive?.archiveId).toBeTruthy();
  });
});
