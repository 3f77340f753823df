/**
 * The vendor module contract and the gateway's lifecycle around it: every list of
 * vendors derives from the modules, settings are never changed after start, and resources are
 * disposed of by registration, last created first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { Disposer } from '../../src/foundations/disposer.js';
import { createLogger } from '../../src/observability/logger.js';
import { schema } from '../../src/schema/index.js';
import { loadSettings, type Settings } from '../../src/settings/load.js';
import { SPEC, VENDOR_PREFIXES } from '../../src/settings/spec.js';
import { vendorModules } from '../../src/vendors/index.js';
import { VENDOR_SETTINGS } from '../../src/vendors/settings.js';
import { TEST_SIGNING_SECRET } from '../helpers.js';

describe('the vendor modules are the one list of vendors', () => {
  const modules = vendorModules();

  it('each built-in module carries its settings spec, in the settings list order', () => {
    expect(modules.map((m) => m.key)).toEqual(VENDOR_SETTINGS.map((s) => s.key));
    for (const [i, m] of modules.entries()) expect(m.settingsSpec).toBe(VENDOR_SETTINGS[i]);
    expect(VENDOR_PREFIXES).toEqual(VENDOR_SETTINGS.map((s) => s.prefix));
    // Every vendor entry is in the spec, and every per-vendor HTTP override derives from the prefixes.
    for (const spec of VENDOR_SETTINGS)
      for (const name of Object.keys(spec.entries)) expect(SPEC).toHaveProperty(name);
    for (const p of VENDOR_PREFIXES) expect(SPEC).toHaveProperty(`${p}_MAX_RPS`);
  });

  it('keys, enum values, forwarded headers and labels are distinct', () => {
    for (const field of ['key', 'vendor', 'forwardingHeader', 'label'] as const)
      expect(new Set(modules.map((m) => m[field])).size).toBe(modules.length);
  });

  it('the Vendor enum is the modules’ values with their descriptions', () => {
    const e = schema.getType('Vendor') as GraphQLEnumType;
    expect(
      e
        .getValues()
        .map((v) => [v.name, v.description])
        .sort(),
    ).toEqual(modules.map((m) => [m.vendor, m.description]).sort());
  });

  it('HTTP defaults come from the vendor: Torq 50 rps unless TORQ_MAX_RPS says otherwise', () => {
    expect(loadSettings({}).upstreamFor.torq.ratePerSecond).toBe(50);
    expect(loadSettings({}).upstreamFor.google.ratePerSecond).toBeUndefined();
    expect(loadSettings({ TORQ_MAX_RPS: '7' }).upstreamFor.torq.ratePerSecond).toBe(7);
  });
});

describe('Disposer', () => {
  it('disposes last-created first, once, running every step even when one fails', async () => {
    const d = new Disposer();
    const seen: string[] = [];
    d.defer('a', () => seen.push('a'));
    const value = d.use('b', { n: 1 }, async (v) => {
      seen.push(`b${v.n}`);
      throw new Error('b failed');
    });
    expect(value).toEqual({ n: 1 });
    d.defer('c', () => seen.push('c'));
    expect(d.order).toEqual(['c', 'b', 'a']);
    await expect(d.dispose()).rejects.toThrow('b failed');
    await expect(d.dispose()).rejects.toThrow('b failed'); // the same outcome, steps not run again
    expect(seen).toEqual(['c', 'b1', 'a']);
    expect(() => d.defer('late', () => undefined)).toThrow(/already disposed/);
  });

  it('reports every failure when several steps fail', async () => {
    const d = new Disposer();
    d.defer('x', () => Promise.reject(new Error('x')));
    d.defer('y', () => Promise.reject(new Error('y')));
    await expect(d.dispose()).rejects.toBeInstanceOf(AggregateError);
  });
});

/** Object.freeze all the way down (Buffers cannot be frozen: their bytes are not settings fields). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Object.isFrozen(value))
    return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

describe('a whole gateway on deep-frozen settings', () => {
  it('serves GraphQL and a signed download, registers its resources and closes them in reverse order', async () => {
    const vault = await mkdtemp(join(tmpdir(), 'vg-frozen-'));
    const settings: Settings = deepFreeze(
      loadSettings({
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        PORT: '0',
        SIGNING_SECRET: TEST_SIGNING_SECRET,
        CACHE: 'off',
        VAULT_DIR: vault,
      }),
    );
    expect(Object.isFrozen(settings.auth)).toBe(true);
    const app = await createApp(settings, { logger: createLogger('silent') });
    try {
      const url = await app.server.listen(0, '127.0.0.1');
      // Without PUBLIC_URL, signed links point at the listen address (settings untouched).
      expect(settings.publicUrlExplicit).toBe(false);
      expect(app.gateway.publicUrl()).toBe(url);
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ googleIntegrations(first: 1) { edges { node { versions(first: 1) { edges { node { download { url } } } } } } } }',
        }),
      });
      const body = (await res.json()) as {
        data: {
          googleIntegrations: {
            edges: { node: { versions: { edges: { node: { download: { url: string } } }[] } } }[];
          };
        };
      };
      const link = body.data.googleIntegrations.edges[0]?.node.versions.edges[0]?.node.download.url ?? '';
      expect(link.startsWith(`${url}/downloads/`)).toBe(true);
      const file = await fetch(link);
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);

      expect(app.gateway.disposer.order).toEqual([
        'server',
        'vendor:roma',
        'vendor:akana',
        'vendor:oracle',
        'vendor:google',
        'vendor:torq',
        'vault:sweeper',
        'vault',
        'sandboxes',
      ]);
    } finally {
      await app.close();
      await rm(vault, { recursive: true, force: true });
    }
    expect(app.gateway.disposer.disposed).toBe(true);
    // The emulators went last: they no longer answer.
    await expect(fetch(`${app.sandboxes.torq?.server.url}/`)).rejects.toThrow();
  });
});
