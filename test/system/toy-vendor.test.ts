/**
 * The proof that a vendor is one folder (issue 19): a sixth, toy vendor lives in test/toy-vendor/
 * (client, a two-field type, an emulator on 127.0.0.1, a download kind) and joins the gateway by
 * the one `registerVendor(toy)` line of test/toy-vendor/register.ts, imported before the gateway.
 * It is then queried next to the real five in one GraphQL request, and its file downloaded
 * through the signed-URL route.
 */
import '../toy-vendor/register.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries } from '../../src/graphql/example.js';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import { vendorModules } from '../../src/vendors/index.js';
import { startGateway, type TestGateway, until } from '../helpers.js';
import { served, toyLoaders } from '../toy-vendor/schema.js';

describe('a sixth vendor from one folder', () => {
  let gw: TestGateway;
  let toyEmulator: SandboxServer;
  beforeAll(async () => {
    gw = await startGateway();
    toyEmulator = gw.sandboxes.toy?.server as SandboxServer;
  });
  afterAll(() => gw?.close());

  it('is registered after the five, with its sandbox started lazily', () => {
    expect(vendorModules().map((m) => m.key)).toEqual(['torq', 'google', 'oracle', 'akana', 'roma', 'toy']);
    expect(toyEmulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers next to the real five in one GraphQL request (GraphiQL’s example, which now includes it)', async () => {
    const { crossVendor } = await exampleQueries(vendorModules());
    expect(crossVendor).toContain('all six vendors (Torq, Google, Oracle, Akana, ROMA, Toy)');
    toyEmulator.resetLog();
    type Data = {
      vendors: { vendor: string; mode: string }[];
      integrations: { edges: unknown[] };
      integrationVersion: { version: string } | null;
      packageVersion: { name: string } | null;
      appVersionExport: { fileName: string } | null;
      assetArchive: { fileName: string } | null;
      toyWidget: { id: string; name: string; download: { url: string } } | null;
    };
    const res = await gw.query<Data, Record<string, never>>(crossVendor);
    expect(res.errors).toBeUndefined();
    const data = res.data as Data;
    expect(data.vendors).toEqual([
      { vendor: 'TORQ', mode: 'SANDBOX' },
      { vendor: 'GOOGLE_APPLICATION_INTEGRATION', mode: 'SANDBOX' },
      { vendor: 'ORACLE_CLOUD_MARKETPLACE', mode: 'SANDBOX' },
      { vendor: 'AKANA_API_PLATFORM', mode: 'SANDBOX' },
      { vendor: 'HUAWEI_ROMA_CONNECT', mode: 'SANDBOX' },
      { vendor: 'TOY_VENDOR', mode: 'SANDBOX' },
    ]);
    // The real five answered in the same request.
    expect(data.integrations.edges.length).toBeGreaterThan(0);
    expect(data.integrationVersion?.version).toBeTruthy();
    expect(data.packageVersion?.name).toBeTruthy();
    expect(data.appVersionExport?.fileName).toBeTruthy();
    expect(data.assetArchive?.fileName).toBeTruthy();
    // And the toy: one call to its emulator.
    expect(data.toyWidget).toMatchObject({ id: 'w1', name: 'First widget' });
    expect(toyEmulator.calls('widget')).toHaveLength(1);

    // Its file through the signed-URL route: one call to the emulator's file route, bytes as sent.
    const file = await fetch(data.toyWidget?.download.url ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('w1.txt');
    expect(await file.text()).toBe('the bytes of widget w1\n');
    expect(toyEmulator.calls('file')).toHaveLength(1);
  });

  it('maps its errors like any vendor: unknown id is null, a failing vendor is UPSTREAM_UNAVAILABLE for its field only', async () => {
    const missing = await gw.query<{ toyWidget: unknown }, Record<string, never>>(
      '{ toyWidget(id: "nope") { id } }',
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.toyWidget).toBeNull();

    toyEmulator.setFault('widget', { status: 503, times: 1 });
    const res = await gw.query<{ toyWidget: unknown; vendors: unknown[] }, Record<string, never>>(
      '{ vendors { vendor } toyWidget(id: "w2") { id } }',
    );
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.vendor])).toEqual([
      [['toyWidget'], 'UPSTREAM_UNAVAILABLE', 'TOY_VENDOR'],
    ]);
    expect(res.data?.vendors).toHaveLength(6);
    const after = await gw.query<{ toyWidget: { name: string } }, Record<string, never>>(
      '{ toyWidget(id: "w2") { name } }',
    );
    expect(after.data?.toyWidget.name).toBe('Second widget');
  });

  it('lets go of its per-request loaders when the response ends (endContext, requestCache)', async () => {
    served.length = 0;
    const res = await gw.query<{ a: { id: string }; b: { id: string } }, Record<string, never>>(
      '{ a: toyWidget(id: "w1") { id } b: toyWidget(id: "w1") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(served).toHaveLength(1); // one loader set for the request, shared by both fields
    const ctx = served[0]!;
    // The response has been read: its 'close' has run endContext, so the entry is gone and a
    // late ask would make a new one.
    await until(() => {
      toyLoaders(ctx);
      return served.length === 2;
    });
  });
});
