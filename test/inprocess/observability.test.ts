/**
 * Logs, metrics, readiness, the compressed GraphiQL page and the per-caller rate limit, each
 * through a real gateway on loopback (sandbox emulators as vendors, real HTTP everywhere).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/graphql/graphiql.js';
import { Metrics } from '../../src/observability/metrics.js';
import { CallerRateLimiter } from '../../src/graphql/rate-limit.js';
import { pathTemplate } from '../../src/observability/vendor-calls.js';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import type { RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { codes, startGateway } from '../helpers.js';
import { TORQ } from '../../src/vendors/torq/ref.js';

const CROSS = `query Cross {
  integrations(first: 3) { edges { node { name } } }
  integrationVersion(name: "${googleFixtures()[0]?.name}") { state }
  packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name }
  appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } }
}`;

type Line = Record<string, unknown>;
const parse = (logs: string[]): Line[] => logs.map((l) => JSON.parse(l) as Line);

/** The value of one series of a Prometheus text exposition (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const want = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (want) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('logs', () => {
  it('logs each request once with its request id, echoes x-request-id, and keeps caller errors out of error level', async () => {
    await using gw = await startGateway({ LOG_LEVEL: 'info' });
    const given = await gw.query('query Mine { vendors { vendor } }', {}, { 'x-request-id': 'caller-id-42' });
    expect(given.headers.get('x-request-id')).toBe('caller-id-42');
    const made = await gw.query(CROSS);
    expect(made.errors).toBeUndefined();
    const madeId = made.headers.get('x-request-id') ?? '';
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
    // An unsafe id (spaces, too long) is replaced, never logged as given.
    const unsafe = await gw.query('{ vendors { vendor } }', {}, { 'x-request-id': 'a b' });
    expect(unsafe.headers.get('x-request-id')).not.toBe('a b');
    // A CSRF rejection (GET without the preflight header) and a bad document: the caller's mistakes.
    const csrf = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`);
    expect(csrf.status).toBe(403);
    await gw.query('{ nope }');
    await new Promise((r) => setTimeout(r, 50));

    const lines = parse(gw.logs);
    const access = lines.filter((l) => l.msg === 'request');
    expect(access).toHaveLength(5);
    expect(access.find((l) => l.requestId === 'caller-id-42')).toMatchObject({
      operation: 'Mine',
      status: 200,
      vendorCalls: 0,
    });
    const cross = access.find((l) => l.requestId === madeId);
    expect(cross).toMatchObject({ operation: 'Cross', status: 200, method: 'POST', path: '/graphql' });
    expect(cross?.vendorCalls).toBeGreaterThanOrEqual(4);
    // Vendors that name their requests (Oracle's opc-request-id, Torq's x-request-id) are recorded.
    expect((cross?.vendorRequestIds as string[]).length).toBeGreaterThanOrEqual(1);
    expect(access.find((l) => l.status === 403)).toMatchObject({ level: 'info' });
    expect(access.find((l) => l.status === 400)).toMatchObject({
      level: 'info',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
  });

  it('reports a vendor’s bad answer by code on the access line, not as a gateway error', async () => {
    await using gw = await startGateway({ LOG_LEVEL: 'info' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { malformedJson: true });
    const res = await gw.query('{ integrations(first: 1) { edges { cursor } } }');
    expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
    const lines = parse(gw.logs);
    // A vendor's bad answer is the vendor's fault, reported by code on the access line: no error line.
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ codes: ['UPSTREAM_INVALID_RESPONSE'] });
  });

  it('logs a gateway fault once, at error level, with its cause and the request’s id', async () => {
    const file = join(tmpdir(), 'vg-fault-not-a-dir');
    await using gw = await startGateway({ LOG_LEVEL: 'info' });
    // h11a turned every vault storage failure into VAULT_UNAVAILABLE (a coded, expected error): a
    // gateway fault is now only an unexpected exception, so one is raised where the vault is read.
    gw.app.gateway.vault.get = () => Promise.reject(new Error(`vault index unreadable at ${file}`));
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    roma.jobMs = 0;
    const id = roma.addArchive(Buffer.alloc(100, 1));
    const res = await gw.query(`{ assetArchive(archiveId: "${id}") { sha256 } }`);
    expect(codes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(res.errors)).not.toContain(file); // the cause stays in the logs
    const requestId = res.headers.get('x-request-id');
    const lines = parse(gw.logs);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId, msg: 'request failed' });
    expect(String(errors[0]?.error)).toContain(file);
    expect(String(errors[0]?.stack)).toContain('vault');
    expect(lines.filter((l) => l.msg === 'request')).toEqual([
      expect.objectContaining({ requestId, codes: ['INTERNAL_SERVER_ERROR'] }),
    ]);
  });

  it('redacts credential-shaped fields', async () => {
    const { createLogger } = await import('../../src/observability/logger.js');
    const out: string[] = [];
    const log = createLogger('debug', (l) => out.push(l));
    log.info('x', { password: 'p4ss', headers: { authorization: 'Bearer abc', 'x-api-key': 'k' }, ok: 1 });
    expect(out[0]).not.toMatch(/p4ss|Bearer abc|"k"/);
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({ password: '[redacted]', ok: 1 });
  });
});

describe('/metrics', () => {
  it('counts requests, vendor calls by status, retries and errors after a cross-vendor query and a fault', async () => {
    const token = 'metrics-token-0123456789';
    await using gw = await startGateway({ METRICS_TOKEN: token, UPSTREAM_RETRIES: '1' });
    const scrape = async () => {
      const res = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${gw.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-000000000' } }))
        .status,
    ).toBe(401);
    const before = await scrape();
    expect(sample(before, 'gateway_vendor_requests_total')).toBe(0);

    expect((await gw.query(CROSS)).errors).toBeUndefined();
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    torq.setFault('listIntegrations', { status: 503 });
    const failed = await gw.query('query Broken { integrations(first: 1) { edges { cursor } } }');
    expect(codes(failed)).toEqual(['UPSTREAM_UNAVAILABLE']);
    const after = await scrape();

    for (const vendor of [
      'TORQ',
      'GOOGLE_APPLICATION_INTEGRATION',
      'ORACLE_CLOUD_MARKETPLACE',
      'AKANA_API_PLATFORM',
    ])
      expect(sample(after, 'gateway_vendor_requests_total', { vendor, outcome: 'ok' })).toBeGreaterThan(0);
    // The fault: one call and one retry, both answered 503.
    expect(sample(after, 'gateway_vendor_requests_total', { vendor: 'TORQ', status: '503' })).toBe(2);
    expect(sample(after, 'gateway_vendor_retries_total', { vendor: 'TORQ', reason: '503' })).toBe(1);
    expect(
      sample(after, 'gateway_vendor_request_duration_seconds_count', { vendor: 'TORQ' }),
    ).toBeGreaterThanOrEqual(3);
    expect(sample(after, 'gateway_graphql_requests_total', { operation: 'Cross', status: '200' })).toBe(1);
    expect(
      sample(after, 'gateway_graphql_errors_total', { operation: 'Broken', code: 'UPSTREAM_UNAVAILABLE' }),
    ).toBe(1);
    expect(sample(after, 'gateway_vendor_circuit_state', { vendor: 'TORQ', state: 'CLOSED' })).toBe(1);
    expect(after).toContain('gateway_vendor_queue_depth{vendor="TORQ"} 0');
    expect(after).toMatch(/^gateway_vault_free_bytes \d+/m);
    // GraphQL phases from the Yoga Prometheus plugin.
    expect(sample(after, 'graphql_envelop_phase_execute_count', { operationType: 'query' })).toBe(2);
    // Caller-chosen text never becomes a label value (unbounded series, and a GET's query text).
    expect(after).not.toMatch(/operationName=|url=/);
    expect(sample(after, 'graphql_yoga_http_duration_count', { method: 'POST', statusCode: '200' })).toBe(2);
    expect(sample(after, 'gateway_graphql_request_duration_seconds_count', { operation: 'Cross' })).toBe(1);
    expect(after).toContain('process_resident_memory_bytes');
    expect(sample(after, 'gateway_dataloader_batch_size_count', { vendor: 'torq', loader: 'byType' })).toBe(
      2,
    );
    expect(
      sample(after, 'gateway_dataloader_batch_size_count', { vendor: 'akana', loader: 'summaries' }),
    ).toBe(1);
    // A ROMA archive: fetched once into the vault, then streamed through a signed URL.
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    roma.jobMs = 0;
    const archiveId = roma.addArchive(Buffer.alloc(50_000, 7));
    const archive = await gw.query<{ assetArchive: { download: { url: string } } }, Record<string, never>>(
      `{ assetArchive(archiveId: "${archiveId}") { download { url } } }`,
    );
    const file = await fetch(archive.data?.assetArchive.download.url ?? '');
    expect((await file.arrayBuffer()).byteLength).toBe(50_000);
    await new Promise((r) => setTimeout(r, 1_100)); // the vault gauges scan at most once a second
    const later = await scrape();
    expect(sample(later, 'gateway_vault_entries')).toBe(1);
    expect(sample(later, 'gateway_vault_bytes')).toBeGreaterThanOrEqual(50_000);
    expect(sample(later, 'gateway_downloads_total', { method: 'GET', status: '200' })).toBe(1);
    expect(sample(later, 'gateway_download_sent_bytes_total')).toBeGreaterThan(50_000);
    expect(sample(later, 'gateway_downloads_active')).toBe(0);
    // No OTLP endpoint: tracing is off and OpenTelemetry never registered itself.
    expect(gw.app.gateway.observability.tracing).toBeUndefined();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('opentelemetry.js.api.1')]).toBeUndefined();
  });

  it('caps caller-chosen operation names as label values', () => {
    const m = new Metrics({ vendors: () => [], vaultUsage: async () => ({ entries: 0, bytes: 0 }) });
    for (let i = 0; i < 200; i++) expect(m.operation(`Op${i}`)).toBe(`Op${i}`);
    expect(m.operation('Op200')).toBe('other');
    expect(m.operation('Op5')).toBe('Op5');
    expect(m.operation('not a name')).toBe('other');
    expect(m.operation(undefined)).toBe('');
  });

  it('serves /metrics on its own port when METRICS_PORT is set, and not on the main one', async () => {
    await using gw = await startGateway({ METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
    const url = gw.app.server.metricsUrl ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('gateway_vendor_circuit_state');
  });

  it('is not served with METRICS=false', async () => {
    await using gw = await startGateway({ METRICS: 'false' });
    expect((await fetch(`${gw.url}/metrics`)).status).not.toBe(200);
  });

  it('exports the vendor-response cache counters per vendor, read at scrape time', async () => {
    // The vendor tier alone: the whole-response cache (its own counters) would answer the repeat.
    await using gw = await startGateway({ CACHE: 'true', RESPONSE_CACHE: 'off' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const q = '{ integrations(first: 1) { edges { cursor } } }';
    expect((await gw.query(q)).errors).toBeUndefined(); // a miss: one Torq call
    expect((await gw.query(q)).errors).toBeUndefined(); // a hit: no call
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    expect(sample(text, 'gateway_cache_misses_total', { vendor: 'TORQ' })).toBe(1);
    expect(sample(text, 'gateway_cache_hits_total', { vendor: 'TORQ' })).toBe(1);
    for (const name of ['stale', 'coalesced', 'refresh_failures'])
      expect(text).toMatch(new RegExp(`^gateway_cache_${name}_total\\{vendor="TORQ"\\} 0$`, 'm'));
    // The same figures as the cache's own counters.
    expect(gw.app.gateway.cache.counters(TORQ.vendor)).toMatchObject({ hits: 1, misses: 1 });
  });
});

describe('/readyz', () => {
  it('names each dependency, degrades on an open circuit, and answers 503 when the vault is not writable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vg-ready-'));
    try {
      await using gw = await startGateway({ VAULT_DIR: join(dir, 'vault'), TORQ_CIRCUIT_THRESHOLD: '1' });
      const ok = await fetch(`${gw.url}/readyz`);
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { status: string; checks: Record<string, Record<string, unknown>> };
      expect(body.status).toBe('ready');
      expect(Object.keys(body.checks).sort()).toEqual(
        [
          'signingKey',
          'vault',
          'vault:capacity',
          'vendor:akana',
          'vendor:google',
          'vendor:oracle',
          'vendor:roma',
          'vendor:torq',
        ].sort(),
      );
      expect(body.checks.vault).toMatchObject({ ok: true, writable: true });

      // Torq's circuit opens: reported, but the gateway still serves the other vendors.
      const torq = gw.sandboxes.torq?.server as TorqSandbox;
      torq.setFault('listIntegrations', { status: 503 });
      await gw.query('{ integrations(first: 1) { edges { cursor } } }');
      const degraded = await fetch(`${gw.url}/readyz`);
      expect(degraded.status).toBe(200);
      expect(await degraded.json()).toMatchObject({
        status: 'degraded',
        checks: { 'vendor:torq': { ok: false, circuit: 'OPEN' } },
      });

      // Registered checks take part (h11a's vault capacity check plugs in the same way).
      gw.app.gateway.observability.readiness.register('vault', () => ({
        ok: false,
        critical: true,
        error: 'full',
      }));
      const down = await fetch(`${gw.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unready', checks: { vault: { ok: false } } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 when the vault directory cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vg-ready-'));
    try {
      const file = join(dir, 'not-a-dir');
      await writeFile(file, 'x');
      await using gw = await startGateway({ VAULT_DIR: file });
      const res = await fetch(`${gw.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        status: 'unready',
        checks: { vault: { ok: false, writable: false } },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('GraphiQL page', () => {
  it('goes out compressed by Accept-Encoding with an ETag, and a revisit costs a 304', async () => {
    await using gw = await startGateway();
    const get = (headers: Record<string, string>) =>
      request(`${gw.url}/graphql`, { headers: { accept: 'text/html', ...headers } });
    const plain = await get({});
    const html = Buffer.from(await plain.body.arrayBuffer());
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(html.length).toBeGreaterThan(5_000_000);
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const brotli = await get({ 'accept-encoding': 'gzip, deflate, br' });
    const brBody = Buffer.from(await brotli.body.arrayBuffer());
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers.etag).toBe(etag);
    expect(brBody.length).toBeLessThan(html.length / 3);
    expect(brotliDecompressSync(brBody).equals(html)).toBe(true);

    const gzip = await get({ 'accept-encoding': 'gzip' });
    const gzBody = Buffer.from(await gzip.body.arrayBuffer());
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzBody).equals(html)).toBe(true);

    const again = await get({ 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect((await again.body.arrayBuffer()).byteLength).toBe(0);
    const changed = await get({ 'accept-encoding': 'br', 'if-none-match': '"other"' });
    expect(changed.statusCode).toBe(200);
    await changed.body.dump();
  });

  it('picks the coding the caller prefers and honours q=0', () => {
    expect(pickEncoding('gzip, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBe('identity');
    expect(pickEncoding(null)).toBe('identity');
    expect(pickEncoding('*')).toBe('br');
  });
});

describe('per-caller rate limit', () => {
  it('answers 429 with Retry-After and RATE_LIMITED past the burst, per API key, before any vendor call', async () => {
    const keyA = 'vg_key_a_0123456789abcdef';
    const keyB = 'vg_key_b_0123456789abcdef';
    const sha = (k: string) => createHash('sha256').update(k).digest('hex');
    await using gw = await startGateway({
      AUTH_MODE: 'api-key',
      API_KEYS: `a:${sha(keyA)}:torq:read;b:${sha(keyB)}:torq:read`,
      RATE_LIMIT_RPS: '1',
      RATE_LIMIT_BURST: '2',
    });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const q = '{ integrations(first: 1) { edges { cursor } } }';
    const asA = () => gw.query(q, {}, { 'x-api-key': keyA });
    expect((await asA()).errors).toBeUndefined();
    expect((await asA()).errors).toBeUndefined();
    const calls = torq.calls('listIntegrations').length;
    const limited = await asA();
    expect(limited.status).toBe(429);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(torq.calls('listIntegrations')).toHaveLength(calls); // refused before any vendor call
    // Another caller has a bucket of its own.
    expect((await gw.query(q, {}, { 'x-api-key': keyB })).errors).toBeUndefined();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(sample(metrics, 'gateway_rate_limited_total', { source: 'inbound' })).toBe(1);
    const access = parse(gw.logs).filter((l) => l.msg === 'request' && l.status === 429);
    expect(access).toEqual([
      expect.objectContaining({ caller: 'key:a', codes: ['RATE_LIMITED'], level: 'info' }),
    ]);
  });

  it('limits the download route per client address too', async () => {
    await using gw = await startGateway({ RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '2' });
    const res = await gw.query<{ appVersionExport: { download: { url: string } } }, Record<string, never>>(
      `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}") { download { url } } }`,
    );
    const url = res.data?.appVersionExport.download.url ?? '';
    // The query took one token of this address's two; one download goes, the next is refused.
    // (GET, read to the end: a HEAD here trips an unhandled 'error' in downloads/route.ts, see report.)
    const first = await fetch(url);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const refused = await fetch(url, { method: 'HEAD' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await fetch(url);
    expect(await body.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('refills at the configured rate (token bucket, own clock)', () => {
    let now = 0;
    const limiter = new CallerRateLimiter(2, 2, () => now);
    expect(limiter.take('x').ok).toBe(true);
    expect(limiter.take('x').ok).toBe(true);
    expect(limiter.take('x')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 500; // one token back at 2/s
    expect(limiter.take('x').ok).toBe(true);
    expect(limiter.take('x').ok).toBe(false);
    expect(limiter.take('y').ok).toBe(true);
  });
});

describe('path templates for traces', () => {
  it('keeps words and versions, hides ids and names', () => {
    expect(pathTemplate('/v1/integrations')).toBe('/v1/integrations');
    expect(
      pathTemplate('/v1/projects/my-proj-123/locations/us-east1/integrations/Foo/versions/a1b2:download'),
    ).toBe('/v1/projects/{}/locations/{}/integrations/{}/versions/{}');
  });
});
