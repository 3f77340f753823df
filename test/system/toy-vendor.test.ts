/**
 * The proof that a vendor is one folder: a sixth, toy vendor lives in test/toy-vendor/ (ref,
 * settings with a scope and a cache TTL, client, loaders, a Node type, a sandbox on 127.0.0.1, a
 * download kind) and joins the gateway by the one `registerVendor(toy)` line of
 * test/toy-vendor/register.ts, imported before the gateway. Its settings then appear in `--help`
 * and `--check`, its scope is enforced at every door, a second read of a widget is served by the
 * vendor-response cache, `node(id:)` loads it, and it runs in sandbox mode or LIVE against its
 * sandbox; it is queried next to the real five in one GraphQL request, and its file downloaded
 * through the signed-URL route.
 */
import '../toy-vendor/register.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries } from '../../src/graphql/example.js';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import { effectiveSettings, settingsHelp } from '../../src/settings/help.js';
import { loadSettings } from '../../src/settings/load.js';
import { vendorModules } from '../../src/vendors/index.js';
import { codes, startGateway, type TestGateway, until } from '../helpers.js';
import { served, toyLoaders } from '../toy-vendor/loaders.js';

describe('a sixth vendor from one folder', () => {
  let gw: TestGateway;
  let toyEmulator: SandboxServer;
  beforeAll(async () => {
    // The vendor-response cache on (the harness turns it off by default): a second read must hit it.
    gw = await startGateway({ CACHE: 'on' });
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
      toyWidget: { widgetId: string; name: string; download: { url: string } } | null;
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
    expect(data.toyWidget).toMatchObject({ widgetId: 'w1', name: 'First widget' });
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
      '{ toyWidget(id: "nope") { widgetId } }',
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.toyWidget).toBeNull();

    toyEmulator.setFault('widget', { status: 503, times: 1 });
    const res = await gw.query<{ toyWidget: unknown; vendors: unknown[] }, Record<string, never>>(
      '{ vendors { vendor } toyWidget(id: "w2") { widgetId } }',
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
    const res = await gw.query<{ a: { widgetId: string }; b: { widgetId: string } }, Record<string, never>>(
      '{ a: toyWidget(id: "w1") { widgetId } b: toyWidget(id: "w1") { widgetId } }',
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

  it('declares its settings in its folder: --help, --check and loadSettings read them', () => {
    const help = settingsHelp();
    for (const name of ['TOY_BASE_URL', 'TOY_TOKEN', 'TOY_CACHE_TTL_MS', 'TOY_*'])
      expect(help).toContain(name);
    const settings = loadSettings({ TOY_CACHE_TTL_MS: '1500' });
    expect(settings.cache.ttlMs).toMatchObject({ toy: 1500 });
    expect(settings.upstreamFor.toy?.retries).toBe(0); // its HTTP default
    expect(loadSettings({ TOY_RETRIES: '3' }).upstreamFor.toy?.retries).toBe(3);
    const check = effectiveSettings({ TOY_TOKEN: 'x' }, loadSettings({}));
    expect(check).toContain('TOY_TOKEN=********');
    expect(check).toContain('TOY_CACHE_TTL_MS=60000 (default)');
    expect(check).toMatch(/\n {2}toy: SANDBOX/);
    expect(() => loadSettings({ TOY_CACHE_TTL_MS: 'soon' })).toThrow(/TOY_CACHE_TTL_MS/);
  });

  it('adds its scope: granted to anonymous callers by default, refused at every door without it', async () => {
    expect(loadSettings({}).auth.anonymousScopes).toContain('toy:read');
    expect(loadSettings({ ANONYMOUS_SCOPES: 'toy:read' }).auth.anonymousScopes).toEqual(['toy:read']);
    const { data } = await gw.query<{ toyWidget: { id: string } }, Record<string, never>>(
      '{ toyWidget(id: "w1") { id } }',
    );
    const id = data?.toyWidget.id ?? '';
    await using without = await startGateway({ ANONYMOUS_SCOPES: 'torq:read' }, { sandboxes: gw.sandboxes });
    toyEmulator.resetLog();
    const field = await without.query('{ toyWidget(id: "w1") { name } }');
    expect(codes(field)).toEqual(['FORBIDDEN']);
    const node = await without.query<unknown, { id: string }>('query ($id: ID!) { node(id: $id) { id } }', {
      id,
    });
    expect(codes(node)).toEqual(['FORBIDDEN']);
    expect(toyEmulator.calls('widget')).toHaveLength(0); // refused before any vendor call
  });

  it('keeps its answers in the shared vendor-response cache: a second read is not a vendor call', async () => {
    toyEmulator.resetLog();
    const first = await gw.query<{ toyWidget: { name: string } }, Record<string, never>>(
      '{ toyWidget(id: "w4") { name } }',
    );
    // Another document (not the whole-response cache), the same widget.
    const second = await gw.query<{ again: { widgetId: string } }, Record<string, never>>(
      '{ again: toyWidget(id: "w4") { widgetId } }',
    );
    expect([first.data?.toyWidget.name, second.data?.again.widgetId]).toEqual(['Fourth widget', 'w4']);
    expect(toyEmulator.calls('widget')).toHaveLength(1);
  });

  it('is a Node: its global id loads it again through node(id:)', async () => {
    const { data } = await gw.query<{ toyWidget: { id: string } }, Record<string, never>>(
      '{ toyWidget(id: "w2") { id } }',
    );
    const id = data?.toyWidget.id ?? '';
    expect(id).not.toBe('w2');
    const res = await gw.query<
      { node: { __typename: string; widgetId: string; name: string } },
      { id: string }
    >('query ($id: ID!) { node(id: $id) { __typename ... on ToyWidget { widgetId name } } }', { id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toEqual({ __typename: 'ToyWidget', widgetId: 'w2', name: 'Second widget' });
  });

  it('runs on its sandbox without settings, and LIVE from the settings its sandbox prints', async () => {
    const toy = gw.sandboxes.toy;
    expect(toy?.env).toEqual({ TOY_BASE_URL: toyEmulator.url, TOY_TOKEN: expect.any(String) });
    await using live = await startGateway({ ...toy?.env }, { sandboxes: gw.sandboxes });
    const res = await live.query<
      { vendors: { vendor: string; mode: string }[]; toyWidget: { name: string } },
      Record<string, never>
    >('{ vendors { vendor mode } toyWidget(id: "w1") { name } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.vendors.find((v) => v.vendor === 'TOY_VENDOR')?.mode).toBe('LIVE');
    expect(res.data?.toyWidget.name).toBe('First widget');
  });
});
